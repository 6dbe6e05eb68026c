// A public Twilio Function: GET /hello answers "Hello from FakeServerless".
exports.handler = (context, event, callback) => {
  callback(null, `Hello from FakeServerless${event.name ? `, ${event.name}` : ''}`);
};

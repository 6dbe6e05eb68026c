// A TwiML function: an incoming SMS (or GET /sms?Body=hi) gets a reply message.
exports.handler = (context, event, callback) => {
  const twiml = new Twilio.twiml.MessagingResponse();
  twiml.message(`You said: ${event.Body || 'nothing'}`);
  callback(null, twiml);
};

// Throws: Twilio answers 500 and logs the error.
exports.handler = (context, event, callback) => {
  throw new Error('boom from the functions project');
};

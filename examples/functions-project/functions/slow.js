// Never calls back: Twilio ends it at the execution limit (10 seconds) with a timeout.
exports.handler = (context, event, callback) => {
  console.log('slow started');
};

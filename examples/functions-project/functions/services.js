// Calls the Twilio API with the account's own client: it lists the account's Serverless services.
exports.handler = async (context, event, callback) => {
  try {
    const services = await context.getTwilioClient().serverless.v1.services.list();
    callback(null, services.map((service) => service.uniqueName));
  } catch (error) {
    callback(error);
  }
};

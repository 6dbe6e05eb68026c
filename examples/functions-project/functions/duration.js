// A function that requires an npm dependency of the project (package.json): the build installs it.
const ms = require('ms');

exports.handler = (context, event, callback) => {
  callback(null, { input: event.value || '2 days', milliseconds: ms(event.value || '2 days') });
};

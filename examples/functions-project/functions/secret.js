// Reads a private asset (assets/secret.private.txt, never served on the domain) through Runtime.getAssets().
exports.handler = (context, event, callback) => {
  callback(null, Runtime.getAssets()['/secret.txt'].open().trim());
};

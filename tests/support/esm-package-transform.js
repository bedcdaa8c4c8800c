// Jest transform for the few dependencies published only as ES modules (openid-client,
// oauth4webapi, oidc-provider and the jose they use): jest 29 loads modules as CommonJS,
// so their import/export statements become require/exports. Nothing else is rewritten.
const { transform } = require('sucrase');

module.exports = {
  process(source, filename) {
    const { code, sourceMap } = transform(source, {
      transforms: ['imports'],
      disableESTransforms: true,
      filePath: filename,
      sourceMapOptions: { compiledFilename: filename },
      production: true,
    });
    return { code, map: sourceMap };
  },
};

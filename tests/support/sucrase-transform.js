// Jest transform: TypeScript to CommonJS with sucrase. Pure JavaScript, so the lock file
// needs no platform-specific native packages (the registry here lacks @swc/core's).
const { transform } = require('sucrase');

module.exports = {
  process(source, filename) {
    const { code, sourceMap } = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: filename,
      sourceMapOptions: { compiledFilename: filename },
      production: true,
    });
    return { code, map: sourceMap };
  },
};

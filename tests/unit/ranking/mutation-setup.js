// Loaded before each test file in mutation runs only (stryker.config.mjs). A mutant is
// killed by the first failing property; shrinking the counterexample to its smallest form
// helps a person reading a failure, not Stryker, and can cost seconds per mutant.
const fc = require('fast-check');

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });

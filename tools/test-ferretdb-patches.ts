// `npx tsx tools/test-ferretdb-patches.ts`: FerretDB's own tests of every package the
// launcher's patches (tools/ferretdb/_ferretdb-patches/) change, and the patches' tests, run
// on the patched copy of FerretDB's module the launcher is built from. Run it after changing
// a patch; `go test ./...` in tools/ferretdb tests the launcher, not FerretDB's packages.
import { testFerretDbPatches } from '../server/db/ferretdb';

console.log(testFerretDbPatches());

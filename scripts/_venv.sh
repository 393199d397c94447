# Sourced by scripts/run and scripts/test: make .venv and install the project into it.
# Re-installs only when pyproject.toml changed since the last install.

ensure_venv() {
  local extras="$1" python="${PYTHON:-python3}"
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "bkgraph needs Python 3.11 or newer: '$python' was not found" >&2
    exit 1
  fi
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "bkgraph needs Python 3.11 or newer; $python is $("$python" --version 2>&1)" >&2
    exit 1
  fi
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv || {
      echo "could not create a virtual environment; on Debian/Ubuntu: apt-get install python3-venv" >&2
      exit 1
    }
  fi
  local stamp=".venv/.installed${extras:+-$extras}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}"
    touch "$stamp"
  fi
}

#!/usr/bin/env bash
# Debian's nginx for bench/proxy.js (the hub behind a stock HTTP cache). Installs it with apt-get when it is
# missing (the package only: the benchmark starts its own nginx with its own configuration, never the
# system service); prints where it is. Needs root (or sudo) to install.
set -euo pipefail
for candidate in "${NGINX_PATH:-}" /usr/sbin/nginx; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq >/dev/null
# policy-rc.d 101: the package's post-install does not start the system's nginx (it would take port 80).
POLICY=/usr/sbin/policy-rc.d
CREATED=""
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null && $SUDO chmod +x "$POLICY" && CREATED=1
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null
if [ -n "$CREATED" ]; then $SUDO rm -f "$POLICY"; fi
command -v nginx || echo /usr/sbin/nginx

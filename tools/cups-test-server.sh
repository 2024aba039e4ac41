#!/usr/bin/env bash
# Starts (or stops) a throw-away CUPS server with one printer for the print tests, on its
# own socket (no network port): a PostScript printer (CUPS's generic PostScript driver, A4,
# duplex unit installed) whose backend is cups-pdf, which writes each job as a PDF file.
# It rasterises pages at 150 dpi, the tests' print resolution (at 300 a 9-page order
# took CUPS 11 s instead of 4.5).
#   eval "$(tools/cups-test-server.sh start)"  -> exports CUPS_SERVER, CUPS_TEST_DIR,
#        INTERFANT_TEST_CUPS_PRINTER, INTERFANT_TEST_CUPS_OUTPUT (where the PDFs go) and
#        INTERFANT_TEST_CUPS_PAGE_LOG (a line per job: copies, sides, paper, pages)
#   tools/cups-test-server.sh stop "$CUPS_TEST_DIR"
# Needs root: cupsd runs the cups-pdf backend as root (its mode is 0700), and cups-pdf reads
# its settings from /etc/cups only (cups-pdf-<instance>.conf, written here, removed by stop).
set -euo pipefail
printer=interfant-test-pdf

case "${1:-}" in
  start)
    [ "$(id -u)" = 0 ] || { echo "cups-test-server: needs root (the cups-pdf backend runs as root)" >&2; exit 1; }
    for tool in cupsd lpadmin lpstat /usr/lib/cups/backend/cups-pdf; do
      command -v "$tool" >/dev/null \
        || { echo "cups-test-server: $tool not found (tools/setup.sh test installs it)" >&2; exit 1; }
    done
    dir=$(mktemp -d /tmp/interfant-cups-XXXXXX)
    instance=$(basename "$dir")
    trap 'code=$?; [ $code = 0 ] || "$0" stop "$dir"; exit $code' EXIT  # no half-started server left
    chmod 755 "$dir"  # the filters run as lp and read the spooled job
    mkdir -p "$dir/etc/ppd" "$dir/spool/tmp" "$dir/cache" "$dir/state" "$dir/log" "$dir/out" \
      "$dir/cups-pdf-spool"
    chgrp lp "$dir/spool" "$dir/spool/tmp" "$dir/cache" "$dir/state"
    chmod 1770 "$dir/spool/tmp"
    chmod 710 "$dir/spool"
    # The page log line of each job says what reached CUPS (the tests read it).
    cat >"$dir/etc/cupsd.conf" <<CONF
Listen $dir/cups.sock
LogLevel warn
MaxLogSize 0
PageLogFormat "%j copies=%{copies} sides=%{sides} media=%{media} pages=%{job-impressions-completed}"
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
    cat >"$dir/etc/cups-files.conf" <<CONF
ServerRoot $dir/etc
RequestRoot $dir/spool
TempDir $dir/spool/tmp
CacheDir $dir/cache
StateDir $dir/state
ErrorLog $dir/log/error_log
AccessLog $dir/log/access_log
PageLog $dir/log/page_log
SystemGroup root
CONF
    # "Label 1": each file is named job_<job id>-<title>.pdf
    cat >"/etc/cups/cups-pdf-$instance.conf" <<CONF
Out $dir/out
AnonDirName $dir/out
Spool $dir/cups-pdf-spool
Log $dir/log
LogType 1
Label 1
CONF
    setsid cupsd -f -c "$dir/etc/cupsd.conf" -s "$dir/etc/cups-files.conf" \
      </dev/null >"$dir/log/cupsd.out" 2>&1 &
    echo $! >"$dir/cupsd.pid"
    export CUPS_SERVER=$dir/cups.sock
    running() { lpstat -r 2>/dev/null | grep -qx "scheduler is running"; }
    for _ in $(seq 100); do
      running && break
      kill -0 "$(cat "$dir/cupsd.pid")" 2>/dev/null || break
      sleep 0.1
    done
    running || { echo "cups-test-server: cupsd did not start" >&2
                 cat "$dir/log/cupsd.out" "$dir/log/error_log" >&2 2>/dev/null; exit 1; }
    lpadmin -p "$printer" -E -v "cups-pdf:/$instance" -m drv:///sample.drv/generic.ppd \
      -o PageSize=A4 -o Option1=True -o Resolution-default=150dpi -o printer-is-shared=false 2>&1 \
      | { grep -v "Printer drivers are deprecated" >&2 || true; }
    lpstat -p "$printer" | grep -q "enabled" \
      || { echo "cups-test-server: printer $printer not enabled" >&2; lpstat -p >&2; exit 1; }
    echo "export CUPS_TEST_DIR=$dir"
    echo "export CUPS_SERVER=$dir/cups.sock"
    echo "export INTERFANT_TEST_CUPS_PRINTER=$printer"
    echo "export INTERFANT_TEST_CUPS_OUTPUT=$dir/out"
    echo "export INTERFANT_TEST_CUPS_PAGE_LOG=$dir/log/page_log"
    ;;
  stop)
    dir=${2:-${CUPS_TEST_DIR:-}}
    [ -n "$dir" ] && [ -f "$dir/cupsd.pid" ] || exit 0
    pid=$(cat "$dir/cupsd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "/etc/cups/cups-pdf-$(basename "$dir").conf"
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# link-order.sh: gilsim names libsimgrid and the libraries SimGrid needs
# (ns-3's, Boost's) before GLib's, GIO's and json-glib's (sim/meson.build),
# so that the dynamic linker's look-ups of SimGrid's symbols at start-up
# do not pass those first: a cold prediction's cost.  TAP output; skipped
# without readelf.
set -u
GILSIM=${GILSIM:-build/sim/gilsim}
cd "${GILSIM_SOURCE_ROOT:-$(dirname "$0")/..}"
if ! command -v readelf >/dev/null; then
  echo "1..0 # SKIP no readelf"
  exit 0
fi
# gilsim's libraries in the order it names them (the sanitizers' runtime,
# which must come first, left out)
mapfile -t needed < <(readelf -d "$GILSIM" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
                      grep -v -e '^libasan' -e '^libubsan')
pos () {  # the index of the first library matching $1, or -1
  for i in "${!needed[@]}"; do
    [[ ${needed[$i]} == $1 ]] && { echo "$i"; return; }
  done
  echo -1
}
last () {  # the index of the last library matching $1, or -1
  local p=-1
  for i in "${!needed[@]}"; do
    [[ ${needed[$i]} == $1 ]] && p=$i
  done
  echo "$p"
}
n=0 fail=0
check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else fail=1; echo "not ok $n - $2 (${needed[*]})"; fi
}
check "$([ "$(pos 'libsimgrid.so*')" = 0 ]; echo $?)" "libsimgrid is named first"
glib=$(pos 'libglib-2.0.so*')
check "$([ "$glib" -ge 0 ]; echo $?)" "libglib is named"
for lib in 'libns3-core.so*' 'libboost_context.so*' 'libstdc++.so*'; do
  p=$(last "$lib")
  check "$([ "$p" -ge 0 ] && [ "$p" -lt "$glib" ]; echo $?)" "$lib before libglib"
done
echo "1..$n"
exit $fail

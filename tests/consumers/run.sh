#!/usr/bin/env bash
# Builds a consumer for every way of getting smtpcodes, against this source tree:
# meson install (+ CMake find_package, version check, pkg-config), CMake add_subdirectory,
# Meson subproject, the Conan test_package built by hand, and static checks of the Conan recipe
# and the vcpkg port (Conan and vcpkg themselves cannot be installed on our machines).
# Needs: meson, ninja, cmake, pkg-config, a C++17 compiler, python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { printf 'consumers: %s\n' "$*"; }

say "meson install to a temporary prefix"
meson setup "$work/build" "$root" --prefix="$work/prefix" \
  -Dtests=disabled -Dtool=disabled -Dbenchmarks=disabled >/dev/null
meson install -C "$work/build" >/dev/null
test -f "$work/prefix/include/smtpcodes.hpp"
test -f "$work/prefix/include/smtpcodes/detail/reply_code_table.inc"

say "CMake find_package"
cmake -S "$root/tests/consumers/cmake_find_package" -B "$work/cmake-fp" \
  -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/cmake-fp" >/dev/null
"$work/cmake-fp/consumer"

say "CMake find_package refuses a newer major version"
if cmake -S "$root/tests/consumers/cmake_find_package" -B "$work/cmake-fp-1" \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DSMTPCODES_WANT_VERSION=1.0 >/dev/null 2>&1; then
  echo "consumers: find_package(smtpcodes 1.0) should have failed" >&2
  exit 1
fi

say "CMake add_subdirectory"
cmake -S "$root/tests/consumers/cmake_subdirectory" -B "$work/cmake-sub" >/dev/null
cmake --build "$work/cmake-sub" >/dev/null
"$work/cmake-sub/consumer"

say "pkg-config"
export PKG_CONFIG_PATH="$work/prefix/share/pkgconfig"
# shellcheck disable=SC2046
c++ -std=c++17 -Wall -Wextra -Werror $(pkg-config --cflags smtpcodes) \
  "$root/tests/consumers/consumer.cpp" -o "$work/pkg-config-consumer"
"$work/pkg-config-consumer"

say "Meson subproject"
cp -r "$root/tests/consumers/meson_subproject" "$work/meson-sub"
cp "$root/tests/consumers/consumer.cpp" "$work/meson-sub/"
mkdir "$work/meson-sub/subprojects"
git -C "$root" archive --format=tar --prefix=smtpcodes/ HEAD | tar -x -C "$work/meson-sub/subprojects" 2>/dev/null ||
  cp -r "$root" "$work/meson-sub/subprojects/smtpcodes"
meson setup "$work/meson-sub/build" "$work/meson-sub" --force-fallback-for=smtpcodes >/dev/null
ninja -C "$work/meson-sub/build" >/dev/null
"$work/meson-sub/build/consumer"

say "Conan recipe and test_package (built by hand against the install)"
python3 - "$root" <<'PY'
import ast, pathlib, sys
root = pathlib.Path(sys.argv[1])
recipe = root / "packaging/conan/conanfile.py"
tree = ast.parse(recipe.read_text())
names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
for needed in ("export_sources", "layout", "package_id", "package", "package_info"):
    assert needed in names, f"conanfile.py lacks {needed}()"
text = recipe.read_text()
for needed in ('package_type = "header-library"', "self.info.clear()", "cmake_target_name",
               "pkg_config_name", 'version = "0.1.0"'):
    assert needed in text, f"conanfile.py lacks {needed}"
assert (root / "include/smtpcodes.hpp").is_file() and (root / "LICENSE").is_file()
ast.parse((root / "packaging/conan/test_package/conanfile.py").read_text())
PY
cmake -S "$root/packaging/conan/test_package" -B "$work/conan-tp" \
  -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/conan-tp" >/dev/null
"$work/conan-tp/test_package"

say "vcpkg port files"
python3 - "$root" <<'PY'
import json, pathlib, re, sys
root = pathlib.Path(sys.argv[1])
port = root / "packaging/vcpkg/ports/smtpcodes"
manifest = json.loads((port / "vcpkg.json").read_text())
assert manifest["name"] == "smtpcodes" and manifest["version"] == "0.1.0"
config = (root / "include/smtpcodes/config.hpp").read_text()
assert re.search(r'SMTPCODES_VERSION_STRING "0\.1\.0"', config), "port and header versions differ"
portfile = (port / "portfile.cmake").read_text()
for needed in ("set(VCPKG_BUILD_TYPE release)", "vcpkg_install_meson", "vcpkg_cmake_config_fixup",
               "vcpkg_install_copyright", "usage"):
    assert needed in portfile, f"portfile.cmake lacks {needed}"
assert "find_package(smtpcodes CONFIG REQUIRED)" in (port / "usage").read_text()
PY

say "all consumers built and ran"

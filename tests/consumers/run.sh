#!/usr/bin/env bash
# Builds a consumer for every way of getting smtpcodes, against this source tree:
# meson install (+ CMake find_package, version check, pkg-config), CMake add_subdirectory,
# Meson subproject, the Conan test_package built by hand, and static checks of the Conan recipe
# and the vcpkg port (Conan and vcpkg themselves cannot be installed on our machines).
# Needs: meson, ninja, cmake, pkg-config, a C++17 compiler, python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(cat "$root/VERSION")
IFS=. read -r major minor _ <<<"$version"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { printf 'consumers: %s\n' "$*"; }

say "meson install to a temporary prefix"
meson setup "$work/build" "$root" --prefix="$work/prefix" \
  -Dtests=disabled -Dtool=disabled -Dbenchmarks=disabled >/dev/null
meson install -C "$work/build" >/dev/null
test -f "$work/prefix/include/smtpcodes.hpp"
test -f "$work/prefix/include/smtpcodes/detail/reply_code_table.inc"

say "pkg-config and the CMake package carry VERSION ($version)"
test "$(PKG_CONFIG_PATH="$work/prefix/share/pkgconfig" pkg-config --modversion smtpcodes)" = "$version"
grep -qx "set(PACKAGE_VERSION \"$version\")" "$work/prefix/share/cmake/smtpcodes/smtpcodesConfigVersion.cmake"

say "CMake find_package(smtpcodes $major.$minor) and ($version)"
for want in "$major.$minor" "$version"; do
  cmake -S "$root/tests/consumers/cmake_find_package" -B "$work/cmake-fp-$want" \
    -DCMAKE_PREFIX_PATH="$work/prefix" -DSMTPCODES_WANT_VERSION="$want" \
    -DSMTPCODES_EXPECT_VERSION="$version" >/dev/null
  cmake --build "$work/cmake-fp-$want" >/dev/null
  "$work/cmake-fp-$want/consumer"
done

# A newer major version is refused, and so is a newer minor one; while the major version is 0,
# minor versions may break APIs (CHANGELOG.md), so an older minor version is refused too.
refused=("$((major + 1)).0" "$major.$((minor + 1))")
if [ "$major" = 0 ] && [ "$minor" -gt 0 ]; then refused+=(1.0 "0.$((minor - 1))"); fi
for want in "${refused[@]}"; do
  say "CMake find_package(smtpcodes $want) is refused"
  if cmake -S "$root/tests/consumers/cmake_find_package" -B "$work/cmake-fp-no-$want" \
    -DCMAKE_PREFIX_PATH="$work/prefix" -DSMTPCODES_WANT_VERSION="$want" >/dev/null 2>&1; then
    echo "consumers: find_package(smtpcodes $want) should have failed against $version" >&2
    exit 1
  fi
done

say "CMake add_subdirectory"
cmake -S "$root/tests/consumers/cmake_subdirectory" -B "$work/cmake-sub" \
  -DSMTPCODES_EXPECT_VERSION="$version" >/dev/null
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
meson setup "$work/meson-sub/build" "$work/meson-sub" --force-fallback-for=smtpcodes \
  -Dwant_version="$version" >/dev/null
ninja -C "$work/meson-sub/build" >/dev/null
"$work/meson-sub/build/consumer"

say "Conan recipe and test_package (built by hand against the install)"
python3 - "$root" <<'PY'
import ast, pathlib, re, sys
root = pathlib.Path(sys.argv[1])
recipe = root / "packaging/conan/conanfile.py"
tree = ast.parse(recipe.read_text())
names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
for needed in ("export_sources", "layout", "package_id", "package", "package_info"):
    assert needed in names, f"conanfile.py lacks {needed}()"
text = recipe.read_text()
for needed in ('package_type = "header-library"', "self.info.clear()", "cmake_target_name",
               "pkg_config_name", "def set_version(self)", '"VERSION"'):
    assert needed in text, f"conanfile.py lacks {needed}"
assert not re.search(r"^\s*version\s*=", text, re.M), "conanfile.py must read VERSION, not hold one"
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
version = (root / "VERSION").read_text().strip()
assert manifest["name"] == "smtpcodes" and manifest["version"] == version, "port and VERSION differ"
config = (root / "include/smtpcodes/config.hpp").read_text()
assert f'SMTPCODES_VERSION_STRING "{version}"' in config, "header and VERSION differ"
portfile = (port / "portfile.cmake").read_text()
for needed in ("set(VCPKG_BUILD_TYPE release)", "vcpkg_install_meson", "vcpkg_cmake_config_fixup",
               "vcpkg_install_copyright", "usage"):
    assert needed in portfile, f"portfile.cmake lacks {needed}"
assert "find_package(smtpcodes CONFIG REQUIRED)" in (port / "usage").read_text()
PY

say "all consumers built and ran"

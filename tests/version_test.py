#!/usr/bin/env python3
"""The version is written once, in the root VERSION file; everything else that carries it must
agree: Meson's project version, config.hpp's macros, the single header's banner, the vcpkg
manifest (which must hold a literal), the Conan recipe's set_version(), CMakeLists.txt,
CHANGELOG.md and the README's install lines.

Usage: version_test.py MESON_PROJECT_VERSION
"""
import json
import pathlib
import re
import sys
import types
import unittest

ROOT = pathlib.Path(__file__).resolve().parent.parent
MESON_VERSION = None


def read(rel):
    return (ROOT / rel).read_text()


def version():
    text = read("VERSION")
    lines = text.splitlines()
    assert len(lines) == 1 and text.endswith("\n"), "VERSION must be one line"
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", lines[0])
    assert match, f"VERSION is not MAJOR.MINOR.PATCH: {lines[0]!r}"
    return lines[0], tuple(int(g) for g in match.groups())


class Version(unittest.TestCase):
    def setUp(self):
        self.text, self.parts = version()

    def test_meson(self):
        self.assertEqual(MESON_VERSION, self.text)

    def test_config_hpp(self):
        config = read("include/smtpcodes/config.hpp")
        for name, value in zip(("MAJOR", "MINOR", "PATCH"), self.parts):
            self.assertRegex(config, rf"#define SMTPCODES_VERSION_{name} {value}\n")
        self.assertIn(f'#define SMTPCODES_VERSION_STRING "{self.text}"\n', config)

    def test_single_header(self):
        single = read("single_include/smtpcodes.hpp")
        self.assertTrue(single.startswith(f"// smtpcodes {self.text} - single-header edition.\n"))
        self.assertIn(f'#define SMTPCODES_VERSION_STRING "{self.text}"\n', single)

    def test_vcpkg(self):
        manifest = json.loads(read("packaging/vcpkg/ports/smtpcodes/vcpkg.json"))
        self.assertEqual(manifest["version"], self.text)

    def test_conan(self):
        # Conan cannot be installed on our machines: run set_version() with stand-ins for the
        # conan modules; load() behaves as conan.tools.files.load does.
        stubs = {name: types.ModuleType(name) for name in
                 ("conan", "conan.tools", "conan.tools.build", "conan.tools.files",
                  "conan.tools.layout")}
        stubs["conan"].ConanFile = object
        stubs["conan.tools.build"].check_min_cppstd = None
        stubs["conan.tools.files"].copy = None
        stubs["conan.tools.files"].load = lambda _, path: pathlib.Path(path).read_text()
        stubs["conan.tools.layout"].basic_layout = None
        saved = {name: sys.modules.get(name) for name in stubs}
        sys.modules.update(stubs)
        try:
            recipe_path = ROOT / "packaging/conan/conanfile.py"
            namespace = {"__file__": str(recipe_path)}
            exec(compile(recipe_path.read_text(), str(recipe_path), "exec"), namespace)
        finally:
            for name, module in saved.items():
                if module is None:
                    sys.modules.pop(name)
                else:
                    sys.modules[name] = module
        recipe = namespace["SmtpcodesConan"]()
        self.assertIsNone(getattr(recipe, "version", None), "the recipe must not hold a literal")
        recipe.version = None
        recipe.recipe_folder = str(recipe_path.parent)
        recipe.set_version()
        self.assertEqual(recipe.version, self.text)

    def test_cmake(self):
        cmake = read("CMakeLists.txt")
        self.assertRegex(cmake, r'file\(STRINGS "\$\{CMAKE_CURRENT_SOURCE_DIR\}/VERSION" '
                                r'(\w+) LIMIT_COUNT 1\)')
        self.assertRegex(cmake, r"project\(smtpcodes VERSION \$\{\w+\}")

    def test_changelog(self):
        self.assertRegex(read("CHANGELOG.md"), rf"\n## \[?{re.escape(self.text)}\]? ")

    def test_readme_install_lines(self):
        readme = read("README.md")
        major, minor, _ = self.parts
        for found in re.findall(r"find_package\(smtpcodes (\d+\.\d+)", readme):
            self.assertEqual(found, f"{major}.{minor}")
        for found in re.findall(r'"smtpcodes/(\d+\.\d+\.\d+)"', readme):
            self.assertEqual(found, self.text)


if __name__ == "__main__":
    MESON_VERSION = sys.argv.pop(1)
    unittest.main()

# Conan 2 recipe for smtpcodes, a header-only library. From the repository root:
#   conan create packaging/conan
import os

from conan import ConanFile
from conan.tools.build import check_min_cppstd
from conan.tools.files import copy, load
from conan.tools.layout import basic_layout

required_conan_version = ">=2.0"


class SmtpcodesConan(ConanFile):
    name = "smtpcodes"
    # No version here: set_version() reads the root VERSION file, the one place it is written.
    description = ("Header-only C++17 SMTP library: constexpr reply-code tables, "
                   "zero-allocation parsers and a smuggling-safe DATA codec")
    license = "MIT"
    url = "https://github.com/smtpcodes/smtpcodes"
    homepage = "https://github.com/smtpcodes/smtpcodes"
    topics = ("smtp", "email", "parser", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    no_copy_source = True

    def set_version(self):
        # `conan create packaging/conan --version X` still wins; otherwise the VERSION file.
        if not self.version:
            path = os.path.join(self.recipe_folder, "..", "..", "VERSION")
            self.version = load(self, path).strip()

    def export_sources(self):
        # The recipe lives in packaging/conan; the headers two levels up.
        root = os.path.join(self.recipe_folder, "..", "..")
        copy(self, "include/*", root, self.export_sources_folder)
        copy(self, "LICENSE", root, self.export_sources_folder)

    def layout(self):
        basic_layout(self, src_folder=".")

    def package_id(self):
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, 17)

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*", os.path.join(self.source_folder, "include"),
             os.path.join(self.package_folder, "include"))

    def package_info(self):
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
        self.cpp_info.set_property("cmake_file_name", "smtpcodes")
        self.cpp_info.set_property("cmake_target_name", "smtpcodes::smtpcodes")
        self.cpp_info.set_property("pkg_config_name", "smtpcodes")

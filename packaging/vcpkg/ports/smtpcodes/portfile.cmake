# Header-only port: nothing is compiled, so only the release configuration is installed.
set(VCPKG_BUILD_TYPE release)

if(DEFINED ENV{SMTPCODES_SOURCE_DIR})
  # Overlay-port testing against a local checkout.
  set(SOURCE_PATH "$ENV{SMTPCODES_SOURCE_DIR}")
else()
  vcpkg_from_github(
    OUT_SOURCE_PATH SOURCE_PATH
    REPO smtpcodes/smtpcodes
    REF "v${VERSION}"
    SHA512 0  # replaced by the release archive's hash when the port is published
    HEAD_REF main
  )
endif()

vcpkg_configure_meson(
  SOURCE_PATH "${SOURCE_PATH}"
  OPTIONS -Dtests=disabled -Dtool=disabled -Dbenchmarks=disabled
)
vcpkg_install_meson()
vcpkg_cmake_config_fixup(PACKAGE_NAME smtpcodes CONFIG_PATH share/cmake/smtpcodes)
vcpkg_fixup_pkgconfig()

file(REMOVE_RECURSE "${CURRENT_PACKAGES_DIR}/lib")
vcpkg_install_copyright(FILE_LIST "${SOURCE_PATH}/LICENSE")
file(INSTALL "${CMAKE_CURRENT_LIST_DIR}/usage" DESTINATION "${CURRENT_PACKAGES_DIR}/share/${PORT}")

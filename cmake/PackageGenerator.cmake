# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE). Both take
# what `cmake --install` installs; the .deb also the Debian-only component.
if(CPACK_GENERATOR STREQUAL "DEB")
  list(GET CPACK_INSTALL_CMAKE_PROJECTS 0 build_dir)
  set(CPACK_INSTALL_CMAKE_PROJECTS "${build_dir};relctl;ALL;/;${build_dir};relctl;deb;/")
elseif(CPACK_GENERATOR STREQUAL "TGZ")
  set(CPACK_PACKAGE_FILE_NAME "relctl-${CPACK_PACKAGE_VERSION}-linux-amd64")
endif()

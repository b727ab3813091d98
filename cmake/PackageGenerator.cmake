# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE): the tarball
# installs the default component only, without the Debian-only files.
if(CPACK_GENERATOR STREQUAL "TGZ")
  string(REPLACE ";ALL;" ";Unspecified;" CPACK_INSTALL_CMAKE_PROJECTS
         "${CPACK_INSTALL_CMAKE_PROJECTS}")
endif()

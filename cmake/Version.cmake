# relctl's version lives in project(VERSION) only. version.hpp is generated
# from it when CMake configures; build_info.cpp (commit and build date) at
# every build, rewritten only when its content changed.
set(RELCTL_GENERATED_DIR ${PROJECT_BINARY_DIR}/generated)
configure_file(${PROJECT_SOURCE_DIR}/cmake/version.hpp.in
               ${RELCTL_GENERATED_DIR}/include/relctl/version.hpp @ONLY)
add_custom_target(relctl_build_info
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -DOUTPUT=${RELCTL_GENERATED_DIR}/build_info.cpp
          -P ${PROJECT_SOURCE_DIR}/cmake/BuildInfo.cmake
  BYPRODUCTS ${RELCTL_GENERATED_DIR}/build_info.cpp
  VERBATIM)

# The release build (RELCTL_RELEASE=ON, `scripts/build.sh --release` or the
# `release` preset): optimised, hardened as Debian builds its packages
# (dpkg-buildflags with hardening=+all), unused sections dropped, stripped.
if(NOT RELCTL_RELEASE)
  return()
endif()
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
include(CheckPIESupported)
check_pie_supported()
add_compile_options(-ffunction-sections -fdata-sections -fstack-protector-strong
  -fstack-clash-protection -fcf-protection -Wformat -Werror=format-security)
add_compile_definitions(_FORTIFY_SOURCE=2)
add_link_options(-Wl,--gc-sections -Wl,--as-needed -Wl,-z,relro -Wl,-z,now -Wl,--strip-all)

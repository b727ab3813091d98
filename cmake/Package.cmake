# CPack: relctl_X.Y.Z-1_amd64.deb (its dependencies computed by
# dpkg-shlibdeps) and relctl-X.Y.Z-linux-amd64.tar.gz with the same binary,
# man page, completions and documentation. scripts/package.sh runs it on
# the release build.
set(RELCTL_MAINTAINER "relctl maintainers <relctl-maintainers@users.noreply.github.com>"
    CACHE STRING "Maintainer of the Debian package")

# Debian-only files, in a component of their own that neither a plain
# `cmake --install` nor the tarball takes: the Debian changelog and the
# documented lintian overrides.
string(TIMESTAMP RELCTL_PACKAGE_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(RELCTL_DEBIAN_DIR ${PROJECT_BINARY_DIR}/generated/debian)
file(CONFIGURE OUTPUT ${RELCTL_DEBIAN_DIR}/changelog.Debian CONTENT
  "relctl (${PROJECT_VERSION}-1) bookworm; urgency=medium

  * relctl ${PROJECT_VERSION}; its changes are in /usr/share/doc/relctl/changelog.gz.

 -- ${RELCTL_MAINTAINER}  ${RELCTL_PACKAGE_DATE}
")
add_custom_command(OUTPUT ${RELCTL_DEBIAN_DIR}/changelog.Debian.gz
  COMMAND sh -c "gzip -9n < \"$1\" > \"$2\"" sh ${RELCTL_DEBIAN_DIR}/changelog.Debian
          ${RELCTL_DEBIAN_DIR}/changelog.Debian.gz
  DEPENDS ${RELCTL_DEBIAN_DIR}/changelog.Debian
  VERBATIM)
add_custom_target(relctl_debian_changelog ALL DEPENDS ${RELCTL_DEBIAN_DIR}/changelog.Debian.gz)
install(FILES ${RELCTL_DEBIAN_DIR}/changelog.Debian.gz DESTINATION ${CMAKE_INSTALL_DOCDIR}
        COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES packaging/lintian-overrides DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides
        RENAME relctl COMPONENT deb EXCLUDE_FROM_ALL)

set(CPACK_PACKAGE_NAME relctl)
set(CPACK_PACKAGE_VENDOR relctl)
set(CPACK_PACKAGE_CONTACT "${RELCTL_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "release runbooks as fail-closed pipelines of gates")
set(CPACK_PACKAGE_DESCRIPTION
    "relctl turns a team's release runbook into one command: an ordered pipeline of\n"
    "gates that check (read-only) and act (undone in reverse when a later gate\n"
    "fails) - data releases of SQLite snapshots, code releases with semantic\n"
    "versions and changelogs, Postgres migrations, promotion and rollback across\n"
    "environments. Every command can be previewed with --dry-run, and every run\n"
    "is recorded in a ledger.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_SOURCE_GENERATOR "")
set(CPACK_STRIP_FILES ON)
set(CPACK_THREADS 0)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The release's push runs `git push --atomic` (libgit2 has no atomic push);
# dpkg-shlibdeps appends the libraries the binary links.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "git")
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# Per generator: the .deb takes the Debian-only component too.
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/cmake/PackageGenerator.cmake)
include(CPack)

# What `cmake --install` (and so the package) puts where, at Debian's
# standard paths: the binary; its man page and shell completions, which the
# binary prints from its own command line; the documentation and the example.
include(GNUInstallDirs)
set(RELCTL_SHARE_DIR ${PROJECT_BINARY_DIR}/generated/share)
set(RELCTL_SHARE_FILES ${RELCTL_SHARE_DIR}/relctl.1.gz ${RELCTL_SHARE_DIR}/relctl.bash
                       ${RELCTL_SHARE_DIR}/_relctl ${RELCTL_SHARE_DIR}/relctl.fish)
add_custom_command(OUTPUT ${RELCTL_SHARE_FILES}
  COMMAND ${CMAKE_COMMAND} -DRELCTL=$<TARGET_FILE:relctl> -DOUT=${RELCTL_SHARE_DIR}
          -P ${PROJECT_SOURCE_DIR}/cmake/GenerateDocs.cmake
  DEPENDS relctl ${PROJECT_SOURCE_DIR}/cmake/GenerateDocs.cmake
  COMMENT "relctl man and completions"
  VERBATIM)
add_custom_target(relctl_share ALL DEPENDS ${RELCTL_SHARE_FILES})

install(TARGETS relctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES ${RELCTL_SHARE_DIR}/relctl.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${RELCTL_SHARE_DIR}/relctl.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME relctl)
install(FILES ${RELCTL_SHARE_DIR}/_relctl DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${RELCTL_SHARE_DIR}/relctl.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
# Documentation: README, the docs pages, the licences of what the binary
# embeds, the changelog (changelog.gz, as Debian names an upstream one) and
# the example project, as plain files (nothing executable under /usr/share/doc).
install(FILES README.md packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(DIRECTORY examples/gamebot DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
set(RELCTL_CHANGELOG_GZ ${PROJECT_BINARY_DIR}/generated/changelog.gz)
add_custom_command(OUTPUT ${RELCTL_CHANGELOG_GZ}
  COMMAND sh -c "gzip -9n < \"$1\" > \"$2\"" sh ${PROJECT_SOURCE_DIR}/CHANGELOG.md ${RELCTL_CHANGELOG_GZ}
  DEPENDS ${PROJECT_SOURCE_DIR}/CHANGELOG.md
  VERBATIM)
add_custom_target(relctl_changelog ALL DEPENDS ${RELCTL_CHANGELOG_GZ})
install(FILES ${RELCTL_CHANGELOG_GZ} DESTINATION ${CMAKE_INSTALL_DOCDIR})

# SPDX-License-Identifier: GPL-2.0-or-later
# cmake --install rules: plugin into Wireshark's global epan plugin dir, the
# extcap entry (a symlink to sockgen) into Wireshark's extcap dir, and the
# `uninstall` target that removes exactly what install_manifest.txt lists.
#
# The Wireshark directories are absolute and lie outside CMAKE_INSTALL_PREFIX
# on purpose: Wireshark only looks there (and in the user's personal dirs).
# For a self-contained --prefix install set both cache variables to relative
# paths; they are then taken under the prefix, e.g.
#   -DSOCKSCOPE_PLUGIN_INSTALL_DIR=lib/wireshark/plugins/<major.minor>/epan
#   -DSOCKSCOPE_EXTCAP_INSTALL_DIR=lib/wireshark/extcap
# (Wireshark then needs WIRESHARK_PLUGIN_DIR=<prefix>/lib/wireshark/plugins).
include_guard(GLOBAL)

# SOCKSCOPE_WS_PLUGINDIR: the plugin dir as the Wireshark built against
# reports it (cmake/Wireshark.cmake); empty without the plugin.

# Wireshark >= 4.2 exports extcapdir in its .pc file; 4.0 does not, so ask
# tshark ("Extcap path:" in 4.0, "Global Extcap path:" later), and last
# derive it from the plugin dir (<libdir>/wireshark/plugins/4.4 ->
# <libdir>/wireshark/extcap), which is Debian's layout.
function(sockscope_find_extcap_dir out)
  pkg_get_variable(dir wireshark extcapdir)
  if(NOT dir)
    find_program(SOCKSCOPE_TSHARK tshark)
    mark_as_advanced(SOCKSCOPE_TSHARK)
    if(SOCKSCOPE_TSHARK)
      execute_process(COMMAND ${SOCKSCOPE_TSHARK} -G folders
                      OUTPUT_VARIABLE folders ERROR_QUIET
                      RESULT_VARIABLE rc TIMEOUT 60)
      if(rc EQUAL 0 AND folders MATCHES "(^|\n)(Global )?Extcap path:[ \t]*([^\n]+)")
        string(STRIP "${CMAKE_MATCH_3}" dir)
      endif()
    endif()
  endif()
  if(NOT dir AND SOCKSCOPE_WS_PLUGINDIR)
    get_filename_component(dir "${SOCKSCOPE_WS_PLUGINDIR}/../../extcap" ABSOLUTE)
  endif()
  set(${out} "${dir}" PARENT_SCOPE)
endfunction()

# STRING, not PATH: cmake would turn a relative -D value of a PATH entry
# into an absolute path below the current directory.
if(NOT DEFINED CACHE{SOCKSCOPE_EXTCAP_INSTALL_DIR})
  sockscope_find_extcap_dir(_sockscope_extcap_default)
else()
  set(_sockscope_extcap_default "")
endif()
set(SOCKSCOPE_PLUGIN_INSTALL_DIR "${SOCKSCOPE_WS_PLUGINDIR}/epan" CACHE STRING
    "Where sockscope.so is installed (absolute, or relative to CMAKE_INSTALL_PREFIX)")
set(SOCKSCOPE_EXTCAP_INSTALL_DIR "${_sockscope_extcap_default}" CACHE STRING
    "Where the sockgen-extcap entry is installed (absolute, or relative to CMAKE_INSTALL_PREFIX)")
if(NOT SOCKSCOPE_EXTCAP_INSTALL_DIR)
  message(WARNING "Wireshark's extcap directory not found: sockgen-extcap will "
                  "not be installed (set SOCKSCOPE_EXTCAP_INSTALL_DIR)")
endif()

# generator/CMakeLists.txt installs sockgen into bin/ itself; the extcap
# entry points there.
set(SOCKSCOPE_SOCKGEN_INSTALL_BINDIR bin)

if(TARGET sockscope)
  install(TARGETS sockscope LIBRARY DESTINATION "${SOCKSCOPE_PLUGIN_INSTALL_DIR}")
endif()

# Debian policy wants a copyright file with every package; the tree's SPDX
# lines say GPL-2.0-or-later, whose text Debian ships in common-licenses.
file(WRITE ${CMAKE_BINARY_DIR}/copyright
"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: sockscope

Files: *
Copyright: the sockscope authors
License: GPL-2.0-or-later
 This program is free software; you can redistribute it and/or modify it
 under the terms of the GNU General Public License as published by the Free
 Software Foundation; either version 2 of the License, or (at your option)
 any later version.
 .
 On Debian systems the full text of the GNU General Public License version 2
 is in /usr/share/common-licenses/GPL-2.
")
install(FILES ${CMAKE_BINARY_DIR}/copyright DESTINATION share/doc/sockscope)

# The extcap entry is a symlink named sockgen-extcap (sockgen switches to
# extcap mode by that name) to the installed sockgen. Its target depends on
# the prefix in effect at install time (cmake --install --prefix, CPack's
# /usr), so it is made then; relative, as Debian policy wants for links
# within /usr. file(INSTALL) applies DESTDIR, prints "-- Installing:" and
# records the link in install_manifest.txt like every other file.
if(SOCKSCOPE_EXTCAP_INSTALL_DIR)
  install(CODE "set(_sockscope_extcap_dir \"${SOCKSCOPE_EXTCAP_INSTALL_DIR}\")
set(_sockscope_bindir \"${SOCKSCOPE_SOCKGEN_INSTALL_BINDIR}\")
set(_sockscope_stage \"${CMAKE_BINARY_DIR}/extcap-link\")")
  install(CODE [[
    if(NOT IS_ABSOLUTE "${_sockscope_extcap_dir}")
      set(_sockscope_extcap_dir "${CMAKE_INSTALL_PREFIX}/${_sockscope_extcap_dir}")
    endif()
    file(RELATIVE_PATH _rel "${_sockscope_extcap_dir}"
         "${CMAKE_INSTALL_PREFIX}/${_sockscope_bindir}/sockgen")
    file(REMOVE_RECURSE "${_sockscope_stage}")
    file(MAKE_DIRECTORY "${_sockscope_stage}")
    file(CREATE_LINK "${_rel}" "${_sockscope_stage}/sockgen-extcap" SYMBOLIC)
    file(INSTALL DESTINATION "${_sockscope_extcap_dir}" TYPE FILE
         FILES "${_sockscope_stage}/sockgen-extcap")
  ]])
endif()

# The uninstall target's record (keep this the last install rule here):
# install_manifest.txt lacks DESTDIR, and
# cpack rewrites it with the files of its own staging run (so after a
# `cpack` it would name /usr/bin/sockgen, owned by dpkg). This rule comes
# after every add_subdirectory() (CMP0082), so it sees every installed file,
# doc/'s included; it writes the paths as installed, DESTDIR included, and
# stays out of cpack's runs (staged under _CPack_Packages, no binary dir).
install(CODE "set(_sockscope_record \"${CMAKE_BINARY_DIR}/sockscope_install_manifest.txt\")")
install(CODE [[
  if(CMAKE_BINARY_DIR AND
     NOT "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}" MATCHES "/_CPack_Packages/")
    set(_lines "")
    foreach(_f IN LISTS CMAKE_INSTALL_MANIFEST_FILES)
      string(APPEND _lines "$ENV{DESTDIR}${_f}\n")
    endforeach()
    file(WRITE "${_sockscope_record}" "${_lines}")
  endif()
]])

# Everything install() refers to: the two binaries and whatever doc/ builds
# (man pages, completion). scripts/install and the install tests build this
# instead of `all` (no tests, benches, fuzz harnesses).
add_custom_target(sockscope-runtime)
add_dependencies(sockscope-runtime sockgen)
if(TARGET sockscope)
  add_dependencies(sockscope-runtime sockscope)
endif()
if(EXISTS ${PROJECT_SOURCE_DIR}/doc/CMakeLists.txt)
  get_property(_doc_targets DIRECTORY ${PROJECT_SOURCE_DIR}/doc PROPERTY BUILDSYSTEM_TARGETS)
  if(_doc_targets)
    add_dependencies(sockscope-runtime ${_doc_targets})
  endif()
endif()

# cmake --build <dir> --target uninstall
configure_file(${CMAKE_CURRENT_LIST_DIR}/Uninstall.cmake.in
               ${CMAKE_BINARY_DIR}/cmake_uninstall.cmake @ONLY)
add_custom_target(uninstall
  COMMAND ${CMAKE_COMMAND} -P ${CMAKE_BINARY_DIR}/cmake_uninstall.cmake
  COMMENT "Removing the files the last cmake --install from this tree installed"
  VERBATIM)

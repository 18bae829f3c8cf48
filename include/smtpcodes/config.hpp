/**
 * @file config.hpp
 * @brief Version macros and the language floor. Every other header includes this one first.
 *
 * Includes nothing from the project.
 */
#ifndef SMTPCODES_CONFIG_HPP
#define SMTPCODES_CONFIG_HPP

#define SMTPCODES_VERSION_MAJOR 0
#define SMTPCODES_VERSION_MINOR 1
#define SMTPCODES_VERSION_PATCH 0
#define SMTPCODES_VERSION_STRING "0.1.0"

// C++17 is the floor: the tables rely on inline variables and constexpr std::string_view.
#if defined(_MSVC_LANG)
#define SMTPCODES_CPLUSPLUS _MSVC_LANG
#else
#define SMTPCODES_CPLUSPLUS __cplusplus
#endif
#if SMTPCODES_CPLUSPLUS < 201703L
#error "smtpcodes needs C++17 or later"
#endif

#endif  // SMTPCODES_CONFIG_HPP

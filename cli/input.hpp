// Reading the tool's input: a file named on the command line or standard input, whole, with
// every failure (missing file, directory, read error) a usage error that names the file.
#ifndef SMTPCODES_CLI_INPUT_HPP
#define SMTPCODES_CLI_INPUT_HPP

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

#include "args.hpp"
#include "messages.hpp"

namespace smtpcodes_cli {

/// "cannot read FILE: REASON" in `w`'s language, as a usage_error.
[[noreturn]] inline void cannot_read(const messages& w, std::string_view file,
                                     std::string_view reason) {
  fail(fill(w.cannot_read, {{"file", file}, {"reason", reason}}));
}

/// The whole of `path` ("" or "-": standard input). Never throws anything but usage_error (and
/// std::bad_alloc): a file that cannot be opened, a directory or a failed read is reported as
/// "cannot read 'PATH': REASON", in `w`'s language (REASON, the system's, as it is).
inline std::string read_input(std::string_view path, const messages& w) {
  const bool from_stdin = path.empty() || path == "-";
  const std::string name = from_stdin ? std::string(w.standard_input) : quoted(path);
  const int fd = from_stdin ? STDIN_FILENO : ::open(std::string(path).c_str(), O_RDONLY);
  if (fd < 0) cannot_read(w, name, std::strerror(errno));
  struct closer {
    int fd;
    bool owned;
    ~closer() {
      if (owned) ::close(fd);
    }
  } guard{fd, !from_stdin};
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) cannot_read(w, name, w.is_directory);
  std::string out;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      cannot_read(w, name, std::strerror(errno));
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_INPUT_HPP

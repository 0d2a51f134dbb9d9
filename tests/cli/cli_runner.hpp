// SPDX-License-Identifier: MIT
// Helpers for the CLI tests: run the memsnn binary (MEMSNN_CLI) with fork/execv in a chosen
// working directory, capturing stdout, stderr and the exit status through pipes (so neither is a
// terminal); a fresh temporary directory per test; small file utilities.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace memsnn::test {

namespace fs = std::filesystem;

// Simulated time for which tests/data/good/tiny.json takes more than a second of wall time:
// about 1.5 s in a release build; sanitizer builds run 10-40 times slower.
#if defined(__SANITIZE_ADDRESS__)
inline const std::string kLongDuration = "duration=100 s";
#else
inline const std::string kLongDuration = "duration=1500 s";
#endif

struct CliResult {
    int exit_code;    // the process's exit status; 128 + N when killed by signal N
    std::string out;  // everything written to stdout
    std::string err;  // everything written to stderr
};

// Runs MEMSNN_CLI with `args` (no shell involved) in the working directory `cwd`; stdin is
// /dev/null. With `interrupt_after`, SIGINT is sent once that much time has passed. A run that
// takes longer than `timeout` is killed (exit_code 128 + SIGKILL).
inline CliResult run_cli(const std::vector<std::string>& args, const fs::path& cwd,
                         std::chrono::seconds timeout = std::chrono::seconds(60),
                         std::optional<std::chrono::milliseconds> interrupt_after = {}) {
    // Everything the child needs is prepared before fork(): after it, only async-signal-safe
    // calls are made in the child.
    const std::string program = MEMSNN_CLI;
    const std::string directory = cwd.string();
    std::vector<std::string> storage;
    storage.reserve(args.size() + 1);
    storage.push_back(program);
    for (const auto& a : args) storage.push_back(a);
    std::vector<char*> argv;
    for (auto& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);

    int out_pipe[2];
    int err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        throw std::runtime_error("pipe failed");
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) ::close(fd);
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null_fd < 0 || ::dup2(null_fd, STDIN_FILENO) < 0 ||
            ::dup2(out_pipe[1], STDOUT_FILENO) < 0 || ::dup2(err_pipe[1], STDERR_FILENO) < 0 ||
            ::chdir(directory.c_str()) != 0)
            ::_exit(126);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);

    CliResult result{-1, {}, {}};
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_fds = 2;
    bool killed = false;
    const auto start = std::chrono::steady_clock::now();
    const auto deadline = start + timeout;
    bool signal_pending = interrupt_after.has_value();
    const auto signal_at = start + interrupt_after.value_or(std::chrono::milliseconds(0));
    while (open_fds > 0) {
        const auto now = std::chrono::steady_clock::now();
        if (signal_pending && now >= signal_at) {
            ::kill(pid, SIGINT);
            signal_pending = false;
        }
        if (now >= deadline) {
            ::kill(pid, SIGKILL);
            killed = true;
            break;
        }
        const auto wake = signal_pending ? std::min(signal_at, deadline) : deadline;
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake - now) +
                          std::chrono::milliseconds(1);
        const int ready = ::poll(fds, 2, static_cast<int>(wait.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready < 0) break;
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || fds[k].revents == 0) continue;
            char buffer[4096];
            const ssize_t n = ::read(fds[k].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[k]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[k].fd);
                fds[k].fd = -1;
                --open_fds;
            }
        }
    }
    for (const auto& f : fds)
        if (f.fd >= 0) ::close(f.fd);

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.exit_code = 128 + WTERMSIG(status);
    if (killed) result.err += "[run_cli: killed after timeout]";
    return result;
}

// A fresh, empty directory under the system temporary directory (unique name from mkdtemp),
// removed with its contents when the object goes out of scope.
class TempDir {
  public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "memsnn-cli-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed for " + pattern);
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

    // Names of every entry (files, directories, anything), sorted.
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(path_))
            names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

  private:
    fs::path path_;
};

// Path of a file in the source tree, e.g. source_path("tests/data/good/tiny.json").
inline std::string source_path(const std::string& relative) {
    return (fs::path(MEMSNN_SOURCE_DIR) / relative).string();
}

inline std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_file(const fs::path& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Joins names for messages: "a, b, c".
inline std::string join(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
}

}  // namespace memsnn::test

// Copyright 2026 The Pace authors. Licensed under Apache-2.0.
//
// Sandboxed launch. The parent forks a supervisor S; S calls setsid() (new session and process group),
// optionally joins a cgroup and unshares namespaces, then forks the program P. With a new PID namespace P is
// PID 1 there, so when P dies the kernel kills everything it left behind, even processes that called setsid().
// P gets PR_SET_PDEATHSIG so that killing S (or the whole group) takes P down too. S waits for P and writes a
// pace_exit_report (wait status + rusage) to a pipe the parent reads; meanwhile it watches a lifeline pipe whose
// only writer is Pace, so that when Pace dies (even by SIGKILL) S kills P and everything P started.
// Only async-signal-safe calls after fork.
#define _GNU_SOURCE
#include "pace_sys.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <linux/capability.h>
#include <linux/perf_event.h>
#include <linux/securebits.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

typedef struct { int32_t stage; int32_t error; } spawn_error;

static void report_error(int fd, int stage) {
    spawn_error e = { stage, errno };
    ssize_t ignored = write(fd, &e, sizeof e);
    (void)ignored;
    _exit(127);
}

static int write_all(int fd, const char *text) {
    size_t length = strlen(text);
    return write(fd, text, length) == (ssize_t)length ? 0 : -1;
}

static void format_long(char *buffer, long value) {
    char digits[24];
    int count = 0;
    if (value == 0) digits[count++] = '0';
    while (value > 0) { digits[count++] = (char)('0' + value % 10); value /= 10; }
    int i = 0;
    while (count > 0) buffer[i++] = digits[--count];
    buffer[i] = 0;
}

static void map_user(int error_fd, uid_t uid, gid_t gid) {
    char line[64];
    char number[24];
    int fd = open("/proc/self/setgroups", O_WRONLY | O_CLOEXEC);
    if (fd >= 0) { if (write_all(fd, "deny") != 0) report_error(error_fd, 4); close(fd); }
    fd = open("/proc/self/uid_map", O_WRONLY | O_CLOEXEC);
    if (fd < 0) report_error(error_fd, 4);
    strcpy(line, "0 "); format_long(number, (long)uid); strcat(line, number); strcat(line, " 1");
    if (write_all(fd, line) != 0) report_error(error_fd, 4);
    close(fd);
    fd = open("/proc/self/gid_map", O_WRONLY | O_CLOEXEC);
    if (fd < 0) report_error(error_fd, 4);
    strcpy(line, "0 "); format_long(number, (long)gid); strcat(line, number); strcat(line, " 1");
    if (write_all(fd, line) != 0) report_error(error_fd, 4);
    close(fd);
}

static void set_limit(int error_fd, int resource, long long value) {
    if (value <= 0) return;
    struct rlimit limit;
    if (getrlimit(resource, &limit) != 0) report_error(error_fd, 8);
    rlim_t wanted = (rlim_t)value;
    if (limit.rlim_max != RLIM_INFINITY && wanted > limit.rlim_max) wanted = limit.rlim_max;
    limit.rlim_cur = wanted;
    if (limit.rlim_max == RLIM_INFINITY || wanted < limit.rlim_max) limit.rlim_max = wanted;
    if (setrlimit(resource, &limit) != 0) report_error(error_fd, 8);
}

static void close_other_fds(int keep) {
    // close_range(3, ~0) except `keep`.
    if (keep > 3) syscall(SYS_close_range, 3, keep - 1, 0);
    if (syscall(SYS_close_range, keep + 1, ~0U, 0) != 0) {
        for (int fd = keep + 1; fd < 65536; fd++) close(fd);
    }
}

/// Closes every descriptor from 3 up except `a` and `b` (both >= 3, different).
static void close_fds_except_two(int a, int b) {
    int low = a < b ? a : b, high = a < b ? b : a;
    if (low > 3) syscall(SYS_close_range, 3, low - 1, 0);
    if (high > low + 1) syscall(SYS_close_range, low + 1, high - 1, 0);
    if (syscall(SYS_close_range, high + 1, ~0U, 0) != 0) {
        for (int fd = high + 1; fd < 65536; fd++) close(fd);
    }
}

// From <linux/mount.h>, which clashes with <sys/mount.h> on older glibc.
struct pace_mount_attr { uint64_t attr_set, attr_clr, propagation, userns_fd; };
#define PACE_MOUNT_ATTR_RDONLY 0x00000001
#define PACE_AT_RECURSIVE 0x8000

static int set_mount_readonly(const char *path, int readonly, int recursive) {
    struct pace_mount_attr attr = { 0, 0, 0, 0 };
    if (readonly) attr.attr_set = PACE_MOUNT_ATTR_RDONLY; else attr.attr_clr = PACE_MOUNT_ATTR_RDONLY;
#ifdef SYS_mount_setattr
    if (syscall(SYS_mount_setattr, AT_FDCWD, path, recursive ? PACE_AT_RECURSIVE : 0, &attr, sizeof attr) == 0) return 0;
#endif
    unsigned long flags = MS_REMOUNT | MS_BIND | (readonly ? MS_RDONLY : 0);
    return mount(NULL, path, NULL, flags, NULL);
}

#define PACE_OPEN_TREE_CLONE 1
#define PACE_MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#define PACE_MAX_VISIBLE 16

/// mkdir -p for an absolute path (inside a fresh tmpfs).
static int make_directories(const char *path) {
    char buffer[4096];
    size_t length = strlen(path);
    if (length == 0 || length >= sizeof buffer) { errno = ENAMETOOLONG; return -1; }
    memcpy(buffer, path, length + 1);
    for (size_t i = 1; i <= length; i++) {
        if (buffer[i] != '/' && buffer[i] != 0) continue;
        char saved = buffer[i];
        buffer[i] = 0;
        if (mkdir(buffer, 0755) != 0 && errno != EEXIST) return -1;
        buffer[i] = saved;
    }
    return 0;
}

/// The program's view of the filesystem: everything read-only; hidden directories empty; the working directory
/// a fresh size-limited tmpfs (or a writable bind of itself); /proc only the program's own PID namespace.
static void make_filesystem_private(const pace_spawn_config *c, int err) {
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) report_error(err, 11);
    // Detached copies of the directories that must stay visible under hidden ones (the interpreter, the worker).
    int visible[PACE_MAX_VISIBLE];
    int visible_count = 0;
    for (const char *const *p = c->visible_paths; p && *p && visible_count < PACE_MAX_VISIBLE; p++) {
        int fd = (int)syscall(SYS_open_tree, AT_FDCWD, *p, PACE_OPEN_TREE_CLONE | O_CLOEXEC | PACE_AT_RECURSIVE);
        if (fd < 0) report_error(err, 13);
        visible[visible_count++] = fd;
    }
    for (const char *const *p = c->hidden_paths; p && *p; p++) {
        if (mount("tmpfs", *p, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=64k,mode=755") != 0
            && errno != ENOENT && errno != ENOTDIR) report_error(err, 13);
    }
    for (int i = 0; i < visible_count; i++) {
        const char *path = c->visible_paths[i];
        if (make_directories(path) != 0) report_error(err, 13);
        if (syscall(SYS_move_mount, visible[i], "", AT_FDCWD, path, PACE_MOVE_MOUNT_F_EMPTY_PATH) != 0) report_error(err, 13);
        close(visible[i]);
    }
    if (c->cwd) {
        if (make_directories(c->cwd) != 0) report_error(err, 11);
        if (c->scratch_bytes > 0) {
            char options[128] = "mode=700,size=";
            format_long(options + strlen(options), (long)c->scratch_bytes);
            if (c->run_as_uid >= 0) {
                strcat(options, ",uid="); format_long(options + strlen(options), (long)c->run_as_uid);
                strcat(options, ",gid="); format_long(options + strlen(options), (long)c->run_as_gid);
            }
            if (mount("tmpfs", c->cwd, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) report_error(err, 11);
        } else if (mount(c->cwd, c->cwd, NULL, MS_BIND | MS_REC, NULL) != 0) {
            report_error(err, 11);
        }
    }
    if (c->remount_proc && mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) report_error(err, 14);
    if (set_mount_readonly("/", 1, 1) != 0) report_error(err, 11);
    if (c->cwd && set_mount_readonly(c->cwd, 0, 0) != 0) report_error(err, 11);
}

/// Empties the bounding set, locks root out of regaining capabilities, optionally becomes an unprivileged user,
/// then clears every capability. The order matters: the bounding set and securebits need CAP_SETPCAP, the user
/// switch needs CAP_SETUID/CAP_SETGID.
static void drop_all_capabilities(const pace_spawn_config *c, int err) {
    for (int cap = 0; cap < 64; cap++) prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
    prctl(PR_SET_SECUREBITS,
          SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED
              | SECBIT_KEEP_CAPS_LOCKED, 0, 0, 0);
    if (c->run_as_uid >= 0) {
        if (setgroups(0, NULL) != 0) report_error(err, 15);
        if (setresgid((gid_t)c->run_as_gid, (gid_t)c->run_as_gid, (gid_t)c->run_as_gid) != 0) report_error(err, 15);
        if (setresuid((uid_t)c->run_as_uid, (uid_t)c->run_as_uid, (uid_t)c->run_as_uid) != 0) report_error(err, 15);
    }
    struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capset, &header, data) != 0) report_error(err, 12);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) report_error(err, 12);
}

static void run_program(const pace_spawn_config *c, int error_fd, pid_t supervisor) {
    // Always, not only with a PID namespace: without one, killing the supervisor must still take the program down.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    pid_t parent = getppid();
    if (parent != supervisor && parent != 0) _exit(127);  // PID 1 of a new namespace sees parent 0
    // Move error_fd out of the way of 0..2 before dup2.
    int err = fcntl(error_fd, F_DUPFD_CLOEXEC, 10);
    if (err < 0) report_error(error_fd, 6);
    if (dup2(c->stdin_fd, 0) < 0 || dup2(c->stdout_fd, 1) < 0 || dup2(c->stderr_fd, 2) < 0) report_error(err, 6);
    close_other_fds(err);
    if (c->private_filesystem) make_filesystem_private(c, err);
    if (c->cwd && chdir(c->cwd) != 0) report_error(err, 7);
    if (c->apply_limits) {
        set_limit(err, RLIMIT_AS, c->memory_bytes);
        set_limit(err, RLIMIT_DATA, c->memory_bytes);
        // RLIMIT_NPROC counts every process of the user, so it would be shared by all samples running as the
        // same unprivileged user; the per-sample cgroup limits processes instead when there is one.
        if (c->cgroup_procs_fd < 0) set_limit(err, RLIMIT_NPROC, c->max_processes);
        set_limit(err, RLIMIT_FSIZE, c->max_file_bytes);
        set_limit(err, RLIMIT_CPU, c->cpu_seconds);
        set_limit(err, RLIMIT_NOFILE, c->max_open_files);
        set_limit(err, RLIMIT_STACK, c->stack_bytes);
    }
    if (c->drop_capabilities) drop_all_capabilities(c, err);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    for (int s = 1; s < 32; s++) if (s != SIGKILL && s != SIGSTOP) signal(s, SIG_DFL);
    execve(c->path, c->argv, c->envp);
    report_error(err, 9);
}

static void supervise(const pace_spawn_config *c, int error_fd, int report_fd) {
    uid_t uid = getuid();
    gid_t gid = getgid();
    if (c->new_session && setsid() < 0) report_error(error_fd, 3);
    if (c->cgroup_procs_fd >= 0) {
        char number[24];
        format_long(number, (long)getpid());
        if (write_all(c->cgroup_procs_fd, number) != 0) report_error(error_fd, 10);
    }
    int flags = 0;
    if (c->new_network_namespace) flags |= CLONE_NEWNET;
    if (c->new_pid_namespace) flags |= CLONE_NEWPID;
    if (c->private_filesystem) flags |= CLONE_NEWNS;
    if (flags && c->new_user_namespace) flags |= CLONE_NEWUSER;
    if (flags) {
        if (unshare(flags) != 0) report_error(error_fd, 4);
        if (flags & CLONE_NEWUSER) map_user(error_fd, uid, gid);
    }
    pid_t self = getpid();
    pid_t child = fork();
    if (child < 0) report_error(error_fd, 5);
    if (child == 0) run_program(c, error_fd, self);
    close(error_fd);
    // The supervisor keeps only the report pipe and the lifeline; everything else is the program's.
    int keep = fcntl(report_fd, F_DUPFD_CLOEXEC, 10);
    int lifeline = c->lifeline_fd >= 0 ? fcntl(c->lifeline_fd, F_DUPFD_CLOEXEC, 10) : -1;
    if (lifeline >= 0) close_fds_except_two(keep, lifeline); else close_other_fds(keep);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) { dup2(devnull, 0); dup2(devnull, 1); dup2(devnull, 2); if (devnull > 2) close(devnull); }
    // Wait for the program, or for Pace to die (the lifeline closes): then kill the program, and with it its
    // PID namespace. A pidfd tells when the child ends without blocking in wait4.
    int child_fd = lifeline >= 0 ? (int)syscall(SYS_pidfd_open, child, 0) : -1;
    while (child_fd >= 0) {
        struct pollfd fds[2] = { { child_fd, POLLIN, 0 }, { lifeline, POLLIN, 0 } };
        int ready = poll(fds, 2, -1);
        if (ready < 0 && errno != EINTR) break;
        if (fds[0].revents) break;
        if (fds[1].revents) {
            kill(child, SIGKILL);
            if (c->new_session) kill(0, SIGKILL);  // our group: what the program left there without a PID namespace
            _exit(0);
        }
    }
    struct rusage usage;
    int status = 0;
    pid_t waited;
    do { waited = wait4(child, &status, 0, &usage); } while (waited < 0 && errno == EINTR);
    pace_exit_report report;
    memset(&report, 0, sizeof report);
    report.wait_status = waited == child ? status : -1;
    report.user_usec = (int64_t)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec;
    report.system_usec = (int64_t)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
    report.max_rss_kib = usage.ru_maxrss;
    ssize_t ignored = write(keep, &report, sizeof report);
    (void)ignored;
    _exit(0);
}

pid_t pace_spawn(const pace_spawn_config *config, int *report_fd, int *error_stage) {
    int error_pipe[2], report_pipe[2];
    *error_stage = 0;
    if (pipe2(error_pipe, O_CLOEXEC) != 0) { *error_stage = 1; return -1; }
    if (pipe2(report_pipe, O_CLOEXEC) != 0) {
        int saved = errno; close(error_pipe[0]); close(error_pipe[1]); errno = saved;
        *error_stage = 1; return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        int saved = errno;
        close(error_pipe[0]); close(error_pipe[1]); close(report_pipe[0]); close(report_pipe[1]);
        errno = saved; *error_stage = 2; return -1;
    }
    if (pid == 0) {
        close(error_pipe[0]);
        close(report_pipe[0]);
        supervise(config, error_pipe[1], report_pipe[1]);
        _exit(127);
    }
    close(error_pipe[1]);
    close(report_pipe[1]);
    spawn_error failure;
    ssize_t got;
    do { got = read(error_pipe[0], &failure, sizeof failure); } while (got < 0 && errno == EINTR);
    close(error_pipe[0]);
    if (got == (ssize_t)sizeof failure) {
        int status;
        kill(-pid, SIGKILL);
        kill(pid, SIGKILL);
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        close(report_pipe[0]);
        *error_stage = failure.stage;
        errno = failure.error;
        return -1;
    }
    *report_fd = report_pipe[0];
    return pid;
}

int pace_wifexited(int status) { return WIFEXITED(status); }
int pace_wexitstatus(int status) { return WEXITSTATUS(status); }
int pace_wifsignaled(int status) { return WIFSIGNALED(status); }
int pace_wtermsig(int status) { return WTERMSIG(status); }

int pace_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int pace_probe_hardware_counter(void) {
    struct perf_event_attr attr;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = PERF_TYPE_HARDWARE;
    attr.config = PERF_COUNT_HW_INSTRUCTIONS;
    attr.disabled = 1;
    attr.exclude_kernel = 1;
    attr.exclude_hv = 1;
    int fd = (int)syscall(SYS_perf_event_open, &attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0) return errno;
    close(fd);
    return 0;
}

// Copyright 2026 The Pace authors. Licensed under Apache-2.0.
//
// Sandboxed launch. Pace starts a supervisor S; S calls setsid() (new session and process group), optionally
// joins a cgroup and unshares namespaces, then starts the program P. With a new PID namespace P is PID 1 there,
// so when P dies the kernel kills everything it left behind, even processes that called setsid(). P gets
// PR_SET_PDEATHSIG so that killing S (or the whole group) takes P down too. S waits for P and writes a
// pace_exit_report (wait status + rusage) to a pipe Pace reads; meanwhile it watches a lifeline pipe whose only
// writer is Pace, so that when Pace dies (even by SIGKILL) S kills P and everything P started.
//
// Neither S nor P is a fork of Pace. A fork copies the page tables of Pace's whole heap (hundreds of MB with a
// large dataset's expected outputs) and, while S lives, turns every page Pace writes into a copy-on-write fault;
// that was ~13 % of all CPU time of a HumanEval+ run. S is a clone that shares Pace's memory (CLONE_VM) and runs
// on its own stack; P is started from S with CLONE_VM|CLONE_VFORK, like posix_spawn, and execs at once. Both
// run next to Pace's own threads in the same address space, so they must not touch any memory but their own
// stack: no malloc, and no libc call that reads or writes the thread state of the Pace thread whose TLS they
// inherit (errno, cancellation state, the set*id broadcast to all threads). Every system call below is therefore
// made directly (`sc`), and errors are returned, never kept in errno.
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
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

typedef struct { int32_t stage; int32_t error; } spawn_error;

// MARK: - Direct system calls (no errno, no thread state)

#if defined(__x86_64__)
static inline long sc6(long n, long a, long b, long c, long d, long e, long f) {
    long ret;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}
#elif defined(__aarch64__)
static inline long sc6(long n, long a, long b, long c, long d, long e, long f) {
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
    return x0;
}
#else
#error "pace_spawn.c makes system calls directly; only x86_64 and aarch64 are written"
#endif

#define SC0(n) sc6((n), 0, 0, 0, 0, 0, 0)
#define SC1(n, a) sc6((n), (long)(a), 0, 0, 0, 0, 0)
#define SC2(n, a, b) sc6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define SC3(n, a, b, c) sc6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(n, a, b, c, d) sc6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define SC5(n, a, b, c, d, e) sc6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/// A direct call's result is -errno on failure.
static inline int sc_failed(long result) { return result < 0 && result > -4096; }

static size_t text_length(const char *text) { size_t n = 0; while (text[n]) n++; return n; }

static void text_append(char *buffer, const char *text) {
    size_t at = text_length(buffer), i = 0;
    do { buffer[at + i] = text[i]; } while (text[i++]);
}

static void __attribute__((noreturn)) exit_now(int status) {
    for (;;) SC1(SYS_exit_group, status);
}

/// Reports `stage` and the error (a negative direct-call result or a positive errno) to Pace, then exits.
static void __attribute__((noreturn)) report_error(int fd, int stage, long error) {
    spawn_error e = { stage, (int32_t)(error < 0 ? -error : error) };
    SC3(SYS_write, fd, &e, sizeof e);
    exit_now(127);
}

static long write_text(int fd, const char *text) {
    size_t length = text_length(text);
    long written = SC3(SYS_write, fd, text, length);
    if (sc_failed(written)) return written;
    return written == (long)length ? 0 : -EIO;
}

static long open_path(const char *path, int flags) {
    return SC4(SYS_openat, AT_FDCWD, path, flags | O_CLOEXEC, 0);
}

/// dup2 without the libc wrapper (aarch64 has only dup3, which refuses equal descriptors).
static long move_fd(int from, int to) {
    if (from == to) return SC3(SYS_fcntl, to, F_SETFD, 0);
    return SC3(SYS_dup3, from, to, 0);
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
    long fd = open_path("/proc/self/setgroups", O_WRONLY);
    if (!sc_failed(fd)) {
        long r = write_text((int)fd, "deny");
        if (r != 0) report_error(error_fd, 4, r);
        SC1(SYS_close, fd);
    }
    const char *maps[2] = { "/proc/self/uid_map", "/proc/self/gid_map" };
    long ids[2] = { (long)uid, (long)gid };
    for (int i = 0; i < 2; i++) {
        fd = open_path(maps[i], O_WRONLY);
        if (sc_failed(fd)) report_error(error_fd, 4, fd);
        line[0] = 0;
        text_append(line, "0 "); format_long(number, ids[i]); text_append(line, number); text_append(line, " 1");
        long r = write_text((int)fd, line);
        if (r != 0) report_error(error_fd, 4, r);
        SC1(SYS_close, fd);
    }
}

static void set_limit(int error_fd, int resource, long long value) {
    if (value <= 0) return;
    struct rlimit limit;
    long r = SC4(SYS_prlimit64, 0, resource, NULL, &limit);
    if (sc_failed(r)) report_error(error_fd, 8, r);
    rlim_t wanted = (rlim_t)value;
    if (limit.rlim_max != RLIM_INFINITY && wanted > limit.rlim_max) wanted = limit.rlim_max;
    limit.rlim_cur = wanted;
    if (limit.rlim_max == RLIM_INFINITY || wanted < limit.rlim_max) limit.rlim_max = wanted;
    r = SC4(SYS_prlimit64, 0, resource, &limit, NULL);
    if (sc_failed(r)) report_error(error_fd, 8, r);
}

static void close_from(int first) {
    if (sc_failed(SC3(SYS_close_range, first, ~0U, 0))) {
        for (int fd = first; fd < 65536; fd++) SC1(SYS_close, fd);
    }
}

static void close_other_fds(int keep) {
    // close_range(3, ~0) except `keep`.
    if (keep > 3) SC3(SYS_close_range, 3, keep - 1, 0);
    close_from(keep + 1);
}

/// Closes every descriptor from 3 up except `a` and `b` (both >= 3, different).
static void close_fds_except_two(int a, int b) {
    int low = a < b ? a : b, high = a < b ? b : a;
    if (low > 3) SC3(SYS_close_range, 3, low - 1, 0);
    if (high > low + 1) SC3(SYS_close_range, low + 1, high - 1, 0);
    close_from(high + 1);
}

// From <linux/mount.h>, which clashes with <sys/mount.h> on older glibc.
struct pace_mount_attr { uint64_t attr_set, attr_clr, propagation, userns_fd; };
#define PACE_MOUNT_ATTR_RDONLY 0x00000001
#define PACE_AT_RECURSIVE 0x8000

static long mount_call(const char *source, const char *target, const char *type, unsigned long flags, const char *data) {
    return SC5(SYS_mount, source, target, type, flags, data);
}

static long set_mount_readonly(const char *path, int readonly, int recursive) {
    struct pace_mount_attr attr = { 0, 0, 0, 0 };
    if (readonly) attr.attr_set = PACE_MOUNT_ATTR_RDONLY; else attr.attr_clr = PACE_MOUNT_ATTR_RDONLY;
#ifdef SYS_mount_setattr
    if (SC5(SYS_mount_setattr, AT_FDCWD, path, recursive ? PACE_AT_RECURSIVE : 0, &attr, sizeof attr) == 0) return 0;
#endif
    unsigned long flags = MS_REMOUNT | MS_BIND | (readonly ? MS_RDONLY : 0);
    return mount_call(NULL, path, NULL, flags, NULL);
}

#define PACE_OPEN_TREE_CLONE 1
#define PACE_MOVE_MOUNT_F_EMPTY_PATH 0x00000004
#define PACE_MAX_VISIBLE 16

/// mkdir -p for an absolute path (inside a fresh tmpfs). Returns 0 or a negative errno.
static long make_directories(const char *path) {
    char buffer[4096];
    size_t length = text_length(path);
    if (length == 0 || length >= sizeof buffer) return -ENAMETOOLONG;
    memcpy(buffer, path, length + 1);
    for (size_t i = 1; i <= length; i++) {
        if (buffer[i] != '/' && buffer[i] != 0) continue;
        char saved = buffer[i];
        buffer[i] = 0;
        long r = SC3(SYS_mkdirat, AT_FDCWD, buffer, 0755);
        if (sc_failed(r) && r != -EEXIST) return r;
        buffer[i] = saved;
    }
    return 0;
}

/// The program's view of the filesystem: everything read-only; hidden directories empty; the working directory
/// a fresh size-limited tmpfs (or a writable bind of itself); /proc only the program's own PID namespace.
static void make_filesystem_private(const pace_spawn_config *c, int err) {
    long r = mount_call(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
    if (r != 0) report_error(err, 11, r);
    // Detached copies of the directories that must stay visible under hidden ones (the interpreter, the worker).
    int visible[PACE_MAX_VISIBLE];
    int visible_count = 0;
    for (const char *const *p = c->visible_paths; p && *p && visible_count < PACE_MAX_VISIBLE; p++) {
        long fd = SC3(SYS_open_tree, AT_FDCWD, *p, PACE_OPEN_TREE_CLONE | O_CLOEXEC | PACE_AT_RECURSIVE);
        if (sc_failed(fd)) report_error(err, 13, fd);
        visible[visible_count++] = (int)fd;
    }
    for (const char *const *p = c->hidden_paths; p && *p; p++) {
        r = mount_call("tmpfs", *p, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=64k,mode=755");
        if (r != 0 && r != -ENOENT && r != -ENOTDIR) report_error(err, 13, r);
    }
    for (int i = 0; i < visible_count; i++) {
        const char *path = c->visible_paths[i];
        if ((r = make_directories(path)) != 0) report_error(err, 13, r);
        r = SC5(SYS_move_mount, visible[i], "", AT_FDCWD, path, PACE_MOVE_MOUNT_F_EMPTY_PATH);
        if (r != 0) report_error(err, 13, r);
        SC1(SYS_close, visible[i]);
    }
    if (c->cwd) {
        if ((r = make_directories(c->cwd)) != 0) report_error(err, 11, r);
        if (c->scratch_bytes > 0) {
            char options[128] = "mode=700,size=";
            format_long(options + text_length(options), (long)c->scratch_bytes);
            if (c->run_as_uid >= 0) {
                text_append(options, ",uid="); format_long(options + text_length(options), (long)c->run_as_uid);
                text_append(options, ",gid="); format_long(options + text_length(options), (long)c->run_as_gid);
            }
            if ((r = mount_call("tmpfs", c->cwd, "tmpfs", MS_NOSUID | MS_NODEV, options)) != 0) report_error(err, 11, r);
        } else if ((r = mount_call(c->cwd, c->cwd, NULL, MS_BIND | MS_REC, NULL)) != 0) {
            report_error(err, 11, r);
        }
    }
    if (c->remount_proc) {
        r = mount_call("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
        if (r != 0) report_error(err, 14, r);
    }
    if ((r = set_mount_readonly("/", 1, 1)) != 0) report_error(err, 11, r);
    if (c->cwd && (r = set_mount_readonly(c->cwd, 0, 0)) != 0) report_error(err, 11, r);
}

/// Empties the bounding set, locks root out of regaining capabilities, optionally becomes an unprivileged user,
/// then clears every capability. The order matters: the bounding set and securebits need CAP_SETPCAP, the user
/// switch needs CAP_SETUID/CAP_SETGID. (Direct calls: libc's set*id would try to change every thread of Pace.)
static void drop_all_capabilities(const pace_spawn_config *c, int err) {
    for (int cap = 0; cap < 64; cap++) SC2(SYS_prctl, PR_CAPBSET_DROP, cap);
    SC2(SYS_prctl, PR_SET_SECUREBITS,
        SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED
            | SECBIT_KEEP_CAPS_LOCKED);
    long r;
    if (c->run_as_uid >= 0) {
        if ((r = SC2(SYS_setgroups, 0, NULL)) != 0) report_error(err, 15, r);
        if ((r = SC3(SYS_setresgid, c->run_as_gid, c->run_as_gid, c->run_as_gid)) != 0) report_error(err, 15, r);
        if ((r = SC3(SYS_setresuid, c->run_as_uid, c->run_as_uid, c->run_as_uid)) != 0) report_error(err, 15, r);
    }
    struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if ((r = SC2(SYS_capset, &header, data)) != 0) report_error(err, 12, r);
    if ((r = SC2(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1)) != 0) report_error(err, 12, r);
}

/// The kernel's struct sigaction (x86_64 and aarch64 alike).
struct pace_kernel_sigaction { void *handler; unsigned long flags; void *restorer; uint64_t mask; };

static void block_all_signals(uint64_t *saved) {
    uint64_t all = ~(uint64_t)0;
    SC4(SYS_rt_sigprocmask, SIG_SETMASK, &all, saved, sizeof all);
}

/// What the supervisor hands the program (on the supervisor's stack, which is suspended meanwhile).
typedef struct { const pace_spawn_config *config; int error_fd; pid_t supervisor; } program_start;

static int run_program(void *argument) {
    const program_start *start = argument;
    const pace_spawn_config *c = start->config;
    int error_fd = start->error_fd;
    // Always, not only with a PID namespace: without one, killing the supervisor must still take the program down.
    SC2(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL);
    long parent = SC0(SYS_getppid);
    if (parent != start->supervisor && parent != 0) exit_now(127);  // PID 1 of a new namespace sees parent 0
    // Move error_fd out of the way of 0..2 before dup2.
    long err = SC3(SYS_fcntl, error_fd, F_DUPFD_CLOEXEC, 10);
    if (sc_failed(err)) report_error(error_fd, 6, err);
    long r;
    if ((r = move_fd(c->stdin_fd, 0)) < 0 || (r = move_fd(c->stdout_fd, 1)) < 0 || (r = move_fd(c->stderr_fd, 2)) < 0) {
        report_error((int)err, 6, r);
    }
    if (c->status_fd >= 0) {
        if ((r = move_fd(c->status_fd, 3)) < 0) report_error((int)err, 6, r);
        close_fds_except_two(3, (int)err);
    } else {
        close_other_fds((int)err);
    }
    if (c->private_filesystem) make_filesystem_private(c, (int)err);
    if (c->cwd && (r = SC1(SYS_chdir, c->cwd)) != 0) report_error((int)err, 7, r);
    if (c->apply_limits) {
        set_limit((int)err, RLIMIT_AS, c->memory_bytes);
        set_limit((int)err, RLIMIT_DATA, c->memory_bytes);
        // RLIMIT_NPROC counts every process of the user, so it would be shared by all samples running as the
        // same unprivileged user; the per-sample cgroup limits processes instead when there is one.
        if (c->cgroup_procs_fd < 0) set_limit((int)err, RLIMIT_NPROC, c->max_processes);
        set_limit((int)err, RLIMIT_FSIZE, c->max_file_bytes);
        set_limit((int)err, RLIMIT_CPU, c->cpu_seconds);
        set_limit((int)err, RLIMIT_NOFILE, c->max_open_files);
        set_limit((int)err, RLIMIT_STACK, c->stack_bytes);
    }
    if (c->drop_capabilities) drop_all_capabilities(c, (int)err);
    // Default handlers for every signal, then none blocked (the supervisor blocked them all).
    struct pace_kernel_sigaction action = { SIG_DFL, 0, NULL, 0 };
    for (int s = 1; s <= 64; s++) {
        if (s != SIGKILL && s != SIGSTOP) SC4(SYS_rt_sigaction, s, &action, NULL, sizeof(uint64_t));
    }
    uint64_t none = 0;
    SC4(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, sizeof none);
    r = SC3(SYS_execve, c->path, c->argv, c->envp);
    report_error((int)err, 9, r);
}

/// Stack sizes of the supervisor and, below it in the same mapping, of the program until it execs.
#define PACE_GUARD_BYTES 4096
#define PACE_PROGRAM_STACK_BYTES (128 * 1024)
#define PACE_SUPERVISOR_STACK_BYTES (128 * 1024)
#define PACE_STACKS_BYTES (PACE_GUARD_BYTES + PACE_PROGRAM_STACK_BYTES + PACE_SUPERVISOR_STACK_BYTES)

/// What Pace hands the supervisor (on Pace's stack: read only until the program has been started).
typedef struct { const pace_spawn_config *config; int error_fd; int report_fd; char *stacks; } supervisor_start;

static int supervise(void *argument) {
    uint64_t ignored_mask;
    block_all_signals(&ignored_mask);
    const supervisor_start *start = argument;
    const pace_spawn_config *c = start->config;
    int error_fd = start->error_fd, report_fd = start->report_fd;
    char *program_stack_top = start->stacks + PACE_GUARD_BYTES + PACE_PROGRAM_STACK_BYTES;
    // Pace's copy of the configuration may go away once the program runs: keep what is needed after that.
    int new_session = c->new_session, lifeline_fd = c->lifeline_fd;
    uid_t uid = (uid_t)SC0(SYS_getuid);
    gid_t gid = (gid_t)SC0(SYS_getgid);
    long r;
    if (new_session && sc_failed(r = SC0(SYS_setsid))) report_error(error_fd, 3, r);
    pid_t self = (pid_t)SC0(SYS_getpid);
    if (c->cgroup_procs_fd >= 0) {
        char number[24];
        format_long(number, (long)self);
        if ((r = write_text(c->cgroup_procs_fd, number)) != 0) report_error(error_fd, 10, r);
    }
    int flags = 0;
    if (c->new_network_namespace) flags |= CLONE_NEWNET;
    if (c->new_pid_namespace) flags |= CLONE_NEWPID;
    if (c->private_filesystem) flags |= CLONE_NEWNS;
    // Its own System V IPC (shared memory, semaphores, message queues) too: with those a sample could leave state
    // for a later sample, or talk to one running beside it.
    if (flags) flags |= CLONE_NEWIPC;
    if (flags && c->new_user_namespace) flags |= CLONE_NEWUSER;
    if (flags) {
        if ((r = SC1(SYS_unshare, flags)) != 0) report_error(error_fd, 4, r);
        if (flags & CLONE_NEWUSER) map_user(error_fd, uid, gid);
    }
    // The program shares this memory until it execs; the supervisor waits meanwhile (CLONE_VFORK).
    program_start program = { c, error_fd, self };
    pid_t child = clone(run_program, program_stack_top, CLONE_VM | CLONE_VFORK | SIGCHLD, &program);
    if (child < 0) report_error(error_fd, 5, EAGAIN);  // clone's errno would be the Pace thread's
    SC1(SYS_close, error_fd);
    // The supervisor keeps only the report pipe and the lifeline; everything else is the program's.
    long keep = SC3(SYS_fcntl, report_fd, F_DUPFD_CLOEXEC, 10);
    long lifeline = lifeline_fd >= 0 ? SC3(SYS_fcntl, lifeline_fd, F_DUPFD_CLOEXEC, 10) : -1;
    if (lifeline >= 0) close_fds_except_two((int)keep, (int)lifeline); else close_other_fds((int)keep);
    long devnull = open_path("/dev/null", O_RDWR);
    if (devnull >= 0) {
        for (int fd = 0; fd < 3; fd++) move_fd((int)devnull, fd);
        if (devnull > 2) SC1(SYS_close, devnull);
    }
    // Wait for the program, or for Pace to die (the lifeline closes): then kill the program, and with it its
    // PID namespace. A pidfd tells when the child ends without blocking in wait4.
    long child_fd = lifeline >= 0 ? SC2(SYS_pidfd_open, child, 0) : -1;
    while (child_fd >= 0) {
        struct pollfd fds[2] = { { (int)child_fd, POLLIN, 0 }, { (int)lifeline, POLLIN, 0 } };
        long ready = SC5(SYS_ppoll, fds, 2, NULL, NULL, 0);
        if (ready < 0 && ready != -EINTR) break;
        if (fds[0].revents) break;
        if (fds[1].revents) {
            SC2(SYS_kill, child, SIGKILL);
            if (new_session) SC2(SYS_kill, 0, SIGKILL);  // our group: what the program left there without a PID namespace
            exit_now(0);
        }
    }
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    int status = 0;
    long waited;
    do { waited = SC4(SYS_wait4, child, &status, 0, &usage); } while (waited == -EINTR);
    pace_exit_report report;
    memset(&report, 0, sizeof report);
    report.wait_status = waited == child ? status : -1;
    report.user_usec = (int64_t)usage.ru_utime.tv_sec * 1000000 + usage.ru_utime.tv_usec;
    report.system_usec = (int64_t)usage.ru_stime.tv_sec * 1000000 + usage.ru_stime.tv_usec;
    report.max_rss_kib = usage.ru_maxrss;
    SC3(SYS_write, keep, &report, sizeof report);
    exit_now(0);
}

pid_t pace_spawn(const pace_spawn_config *config, int *report_fd, int *error_stage, void **stacks) {
    int error_pipe[2], report_pipe[2];
    *error_stage = 0;
    *stacks = NULL;
    if (pipe2(error_pipe, O_CLOEXEC) != 0) { *error_stage = 1; return -1; }
    if (pipe2(report_pipe, O_CLOEXEC) != 0) {
        int saved = errno; close(error_pipe[0]); close(error_pipe[1]); errno = saved;
        *error_stage = 1; return -1;
    }
    char *memory = mmap(NULL, PACE_STACKS_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (memory == MAP_FAILED) {
        int saved = errno;
        close(error_pipe[0]); close(error_pipe[1]); close(report_pipe[0]); close(report_pipe[1]);
        errno = saved; *error_stage = 2; return -1;
    }
    mprotect(memory, PACE_GUARD_BYTES, PROT_NONE);
    supervisor_start start = { config, error_pipe[1], report_pipe[1], memory };
    // The supervisor starts with every signal blocked: a handler of Pace's must never run on its stack.
    uint64_t saved_mask;
    block_all_signals(&saved_mask);
    pid_t pid = clone(supervise, memory + PACE_STACKS_BYTES, CLONE_VM | SIGCHLD, &start);
    int clone_errno = errno;
    SC4(SYS_rt_sigprocmask, SIG_SETMASK, &saved_mask, NULL, sizeof saved_mask);
    if (pid < 0) {
        close(error_pipe[0]); close(error_pipe[1]); close(report_pipe[0]); close(report_pipe[1]);
        munmap(memory, PACE_STACKS_BYTES);
        errno = clone_errno; *error_stage = 2; return -1;
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
        munmap(memory, PACE_STACKS_BYTES);
        close(report_pipe[0]);
        *error_stage = failure.stage;
        errno = failure.error;
        return -1;
    }
    *report_fd = report_pipe[0];
    *stacks = memory;
    return pid;
}

void pace_spawn_release(void *stacks) {
    if (stacks) munmap(stacks, PACE_STACKS_BYTES);
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

int pace_pin_thread(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set) == 0 ? 0 : errno;
}

int pace_usable_cpus(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}

int pace_nth_usable_cpu(int n) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (CPU_ISSET(cpu, &set) && n-- == 0) return cpu;
    }
    return -1;
}

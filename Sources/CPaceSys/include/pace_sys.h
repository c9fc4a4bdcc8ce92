// Copyright 2026 The Pace authors. Licensed under Apache-2.0.
#ifndef PACE_SYS_H
#define PACE_SYS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// What a sandboxed child is started with. Limits <= 0 mean "leave unchanged".
typedef struct {
    const char *path;            // executable, absolute path
    char *const *argv;           // NULL-terminated
    char *const *envp;           // NULL-terminated
    const char *cwd;             // working directory, or NULL
    int stdin_fd, stdout_fd, stderr_fd; // parent's fds that become 0, 1, 2 in the child
    int status_fd;               // parent's fd that becomes 3 in the child, or -1 for none
    int cgroup_procs_fd;         // open fd of a cgroup.procs file to join, or -1
    long long memory_bytes;      // RLIMIT_AS and RLIMIT_DATA
    long long max_processes;     // RLIMIT_NPROC
    long long max_file_bytes;    // RLIMIT_FSIZE
    long long cpu_seconds;       // RLIMIT_CPU
    long long max_open_files;    // RLIMIT_NOFILE
    long long stack_bytes;       // RLIMIT_STACK
    int new_network_namespace;   // unshare(CLONE_NEWNET); with any namespace, the program also gets its own IPC one
    int new_pid_namespace;       // unshare(CLONE_NEWPID): the program runs as PID 1 of its own namespace
    int new_user_namespace;      // needed for the two above when not root
    int private_filesystem;      // new mount namespace: everything read-only except cwd
    int drop_capabilities;       // empty capability sets (bounding set too), no-new-privs, NOROOT securebits
    // With private_filesystem:
    const char *const *hidden_paths;  // NULL-terminated directories covered by an empty read-only tmpfs, or NULL
    const char *const *visible_paths; // NULL-terminated directories under hidden ones, attached again (read-only), or NULL
    long long scratch_bytes;     // > 0: cwd becomes a fresh tmpfs of this size (the host directory stays empty)
    int remount_proc;            // mount a new /proc (needs new_pid_namespace): only the program's own processes
    int lifeline_fd;             // read end of a pipe only Pace writes to; when it closes (Pace died), the
                                 // supervisor kills the program. -1 for none.
    int new_session;             // setsid() (1 normally; 0 only to test that a missing group kill is detected)
    int apply_limits;            // set the rlimits above (1 normally; 0 only to test detection)
    int run_as_uid;              // >= 0: switch to this user and group (no supplementary groups) before exec
    int run_as_gid;
} pace_spawn_config;

/// The outcome of the launched program, written by the supervising middle process.
typedef struct {
    int32_t wait_status;         // raw status from wait4
    int32_t reserved;
    int64_t user_usec;           // ru_utime
    int64_t system_usec;         // ru_stime
    int64_t max_rss_kib;         // ru_maxrss
} pace_exit_report;

/// Starts `config->path` in a new session (so the group can be killed), with a supervising
/// middle process that reports the exit status on `*report_fd` (CLOEXEC, read end).
/// Returns the supervisor's pid (= the process group id) or -1 with `*error_stage` and errno set.
/// `*stacks` is the supervisor's stack, which lives in Pace's memory: release it with `pace_spawn_release`
/// once the supervisor has been reaped (never before).
/// Error stages: 1 pipe, 2 clone, 3 setsid, 4 unshare, 5 inner clone, 6 dup2, 7 chdir, 8 setrlimit, 9 exec,
/// 10 cgroup, 11 read-only mounts, 12 dropping capabilities, 13 hiding paths, 14 mounting /proc, 15 switching user.
pid_t pace_spawn(const pace_spawn_config *config, int *report_fd, int *error_stage, void **stacks);

/// Unmaps a supervisor's stack (after its process has been reaped). NULL does nothing.
void pace_spawn_release(void *stacks);

/// Pins the calling thread to one CPU (processes it starts inherit it). Returns 0 or an errno.
int pace_pin_thread(int cpu);

/// How many CPUs this process may run on, and the number of the `n`-th of them (-1 if none).
int pace_usable_cpus(void);
int pace_nth_usable_cpu(int n);

/// Decompresses a gzip (or zlib) buffer. Returns 0 on success; *out is malloc'd (free with free()).
int pace_gunzip(const uint8_t *input, size_t input_length, uint8_t **out, size_t *out_length);

/// pipe2(fds, O_CLOEXEC).
int pace_pipe_cloexec(int fds[2]);

/// Tries to open a hardware instruction counter for this thread. Returns 0 when it works, else the errno.
int pace_probe_hardware_counter(void);

/// Wait-status helpers (the W* macros are not imported into Swift).
int pace_wifexited(int status);
int pace_wexitstatus(int status);
int pace_wifsignaled(int status);
int pace_wtermsig(int status);

#endif

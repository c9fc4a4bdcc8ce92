// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which directories a sandboxed program sees empty, and which are attached again beneath them.
///
/// Paths are resolved (symlinks followed) and filtered: system directories and their ancestors are never hidden
/// (the interpreter needs them), a directory inside an already hidden one is dropped (it is hidden anyway), and a
/// visible directory is kept only when it lies under a hidden one.
struct MountPlan: Equatable {
    var hidden: [String]
    var visible: [String]

    /// Directories the program's interpreter and libraries live in.
    static let protectedPaths = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/proc", "/dev", "/sys"]

    /// The plan for resolved absolute paths.
    init(hidden: [String], visible: [String]) {
        var kept: [String] = []
        for path in Set(hidden.map(MountPlan.normalized)).sorted() {
            if MountPlan.protectedPaths.contains(where: { MountPlan.isWithin($0, path) }) { continue }
            if kept.contains(where: { MountPlan.isWithin(path, $0) }) { continue }
            kept.append(path)
        }
        self.hidden = kept
        var shown: [String] = []
        for path in Set(visible.map(MountPlan.normalized)).sorted() {
            guard kept.contains(where: { MountPlan.isWithin(path, $0) }) else { continue }
            if shown.contains(where: { MountPlan.isWithin(path, $0) }) { continue }
            shown.append(path)
        }
        self.visible = shown
    }

    /// The plan after resolving every path on this machine; paths that do not exist are dropped.
    static func resolving(hidden: [String], visible: [String]) -> MountPlan {
        MountPlan(hidden: hidden.compactMap(resolvedDirectory), visible: visible.compactMap(resolvedDirectory))
    }

    /// Whether `path` is `ancestor` or lies beneath it.
    static func isWithin(_ path: String, _ ancestor: String) -> Bool {
        ancestor == "/" || path == ancestor || path.hasPrefix(ancestor + "/")
    }

    private static func normalized(_ path: String) -> String {
        var text = path
        while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
        return text
    }

    private static func resolvedDirectory(_ path: String) -> String? {
        guard path.hasPrefix("/"), let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        var status = stat()
        guard stat(real, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return nil }
        return String(cString: real)
    }
}

// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import CPaceSys

/// Keeping a thread, and every sandbox it starts, to one CPU.
public enum CPUPinning {
    /// How many CPUs this process may run on.
    public static var usableCount: Int { Int(pace_usable_cpus()) }

    /// Pins the calling thread to the `index`-th usable CPU; processes it starts afterwards inherit the pin.
    /// Returns whether it worked.
    @discardableResult
    public static func pinCurrentThread(toUsable index: Int) -> Bool {
        let cpu = pace_nth_usable_cpu(Int32(index))
        return cpu >= 0 && pace_pin_thread(cpu) == 0
    }
}

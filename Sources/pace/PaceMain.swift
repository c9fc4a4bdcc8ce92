// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

import ArgumentParser
import PaceCLI

@main
struct PaceMain {
    static func main() async {
        await PaceCommand.main()
    }
}

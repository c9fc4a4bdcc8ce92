// Copyright 2026 The Pace authors. Licensed under Apache-2.0.

// Placeholder: the package manifest names this test target, but its tests are not committed on this branch.
// Delete this file when the real tests are merged.

//! Virtual tree, keyed diff into patches, and the HTML contract of mpsim render

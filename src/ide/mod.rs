//! Editor features, one file each: input an analysis snapshot and a byte offset, output plain structs.

//! Tests of the whole loader: the complete example, every error kind, and random mutations.

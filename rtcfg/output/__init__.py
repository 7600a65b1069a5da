"""The output layer: every format of every command, and the escaping and masking they share."""

// Package prefetch asks the processor to bring memory into its caches
// before it is read. Walking packet records, in a mapped savefile or a
// capture ring block, is a chain of dependent loads (each record's header
// gives the next one's place), so without help every header waits for
// memory in turn. A prefetch issued early overlaps that wait with the
// work on the records before it, and unlike a plain load it never holds
// up the instructions after it.
package prefetch

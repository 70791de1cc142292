"""Order messages: one thread per order part between the buyer and the producer's people."""

"""The demo catalogue: villages, crafts, marks, producers and listings to try the site with."""

"""Trade offices: the city's trade department, embassies' trade counsellors and the like, who send the
export directory to importers abroad and refer importers to the marketplace."""

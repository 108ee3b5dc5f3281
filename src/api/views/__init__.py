"""What ``GET`` answers for each object; shared by the routes and the merchant events."""

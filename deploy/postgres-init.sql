-- crmsync's state store lives beside Temporal's databases.
CREATE DATABASE crmsync;

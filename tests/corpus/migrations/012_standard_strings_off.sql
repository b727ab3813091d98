SET standard_conforming_strings = off;
INSERT INTO app.events (job_id, note) VALUES (2, 'it\'s; escaped the old way');
RESET standard_conforming_strings;
INSERT INTO app.events (job_id, note) VALUES (2, 'back\to normal');

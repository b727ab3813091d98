CALL app.archive_done(1);

-- pg_dump style data: COPY ... FROM stdin with the rows inline.
COPY app.jobs (id, "weird;name", status, attempts, payload, tags) FROM stdin;
1	one; two	done	1	{"a": 1}	{a,b}
2	\N	queued	2	{"a": "x\\\\y"}	{}
3	tab\there	running	3	{}	{"with space"}
\.
COPY app.events (id, job_id, note) FROM stdin WITH (FORMAT csv, HEADER true);
id,job_id,note
1,1,"created; by ""seed"""
2,1,
3,2,"multi
line"
\.
SELECT setval('app.jobs_id_seq', 3);
SELECT setval('app.events_id_seq', 3);

-- The helpdesk benchmark's data (HelpdeskBench): {{TENANTS}} tenants and about {{TICKETS}} tickets, run as
-- helpdesk_service in its own database (switchboard_bench) after the service has migrated it. One transaction: the
-- data is all there or not at all. The program splits this file at the "-- step:" lines and logs each step.
-- Tenant r (1 = biggest) gets a share 1/r of the tickets (Zipf, exponent 1): with 1,000 tenants the biggest has
-- about 13%, the 500th about 0.03%. Texts draw words with probability about 1/rank from a vocabulary of common
-- helpdesk words followed by a long tail of rare made-up words, so a search can match half a tenant or a few tickets.

-- step: session
set app.all_tenants = 'on';
set maintenance_work_mem = '512MB';
set work_mem = '64MB';
set synchronous_commit = off;

-- step: functions
-- word i of the vocabulary: the common words first, then made-up ones built from three syllables
create function pg_temp.bench_word(i int) returns text language sql immutable as $$
select case when i <= 240 then (array['issue','customer','account','error','please','help','update','order','payment','invoice','login','password','email','report','page','system','problem','message','service','data','user','access','settings','version','feature','request','support','team','website','app','dashboard','export','import','file','upload','download','sync','server','database','connection','network','browser','mobile','android','iphone','windows','mac','chrome','firefox','safari','timeout','crash','slow','loading','screen','button','form','field','subscription','plan','upgrade','downgrade','refund','charge','credit','card','billing','receipt','tax','address','shipping','delivery','tracking','package','return','exchange','warranty','product','item','stock','price','discount','coupon','cart','checkout','notification','alert','reminder','calendar','meeting','schedule','appointment','booking','reservation','cancel','confirm','verify','activation','license','key','token','certificate','domain','dns','ssl','redirect','link','url','api','webhook','integration','plugin','extension','module','configuration','permission','role','admin','manager','agent','supervisor','queue','ticket','chat','call','phone','voicemail','recording','transfer','trunk','number','sms','widget','template','signature','attachment','image','pdf','spreadsheet','csv','backup','restore','migration','outage','maintenance','incident','degraded','latency','bandwidth','firewall','proxy','vpn','router','printer','scanner','keyboard','monitor','laptop','desktop','tablet','headset','microphone','camera','audio','video','echo','noise','volume','quality','dropped','blocked','locked','expired','invalid','missing','duplicate','wrong','broken','failed','stuck','pending','delayed','unable','urgent','asap','weekend','tomorrow','yesterday','morning','evening','monday','friday','january','december','quarterly','annual','monthly','weekly','daily','contract','renewal','trial','onboarding','training','documentation','tutorial','guide','faq','feedback','complaint','compliment','suggestion','survey','rating','review','score','analytics','metrics','chart','graph','filter','search','sort','column','row','table','language','translation','timezone','currency','euro','dollar','holiday','vacation','overtime','payroll','employee','department','office','branch'])[i]
            else (array['ka','lo','mi','ren','tor','vex','zu','pa','ni','dor','fi','gan','sul','ber','qui','mon'])[1 + i % 16]
                 || (array['ra','te','shi','vo','lun','dak','pe','mur','ol','zan','ty','gro','bel','kin','sa','wu'])[1 + (i / 16) % 16]
                 || (array['x','n','th','ley','ric','s','ma','dos','k','ven','ta','rin','ph','lo','gue','zz'])[1 + (i / 256) % 16]
       end
$$;
-- n words, each of rank about 1/p (log-uniform over 1..4336)
create function pg_temp.bench_text(n int) returns text language sql volatile as $$
select string_agg(pg_temp.bench_word(floor(exp(random() * ln(4336)))::int), ' ')
  from generate_series(1, greatest(n, 1))
$$;

-- step: clear
truncate ticket, tag, ticket_counter, helpdesk_settings cascade;
delete from tenant_directory where tenant_id like 'bench%';

-- step: drop indexes (built again after the load, faster than maintaining them row by row)
create temp table bench_index on commit drop as
select i.indexname, i.indexdef
  from pg_indexes i
 where i.schemaname = current_schema()
   and i.tablename in ('ticket', 'ticket_message', 'ticket_tag', 'tag')
   and not exists (select 1 from pg_constraint c where c.conname = i.indexname);
do $$
declare
    r record;
begin
    for r in select indexname from bench_index loop
        execute format('drop index %I', r.indexname);
    end loop;
end
$$;

-- step: tenants
create temp table bench_tenant on commit drop as
select r,
       'bench' || lpad(r::text, 4, '0') as tenant_id,
       'BENCH' || lpad(r::text, 4, '0') as prefix,
       greatest(1, round({{TICKETS}} * (1.0 / r) / h.h))::int as n,
       greatest(2, ceil(sqrt(greatest(1, round({{TICKETS}} * (1.0 / r) / h.h))) / 2))::int as agents
  from generate_series(1, {{TENANTS}}) r
 cross join (select sum(1.0 / k) as h from generate_series(1, {{TENANTS}}) k) h;
insert into tenant_directory (tenant_id, status, deleted, version, snapshot, updated_at)
select tenant_id, 'active', false, 1,
       jsonb_build_object('id', tenant_id, 'name', 'Bench tenant ' || r, 'status', 'active',
                          'statusReason', null, 'trialExpiresAt', null,
                          'limits', jsonb_build_object('maxAgents', 500, 'maxDids', 100, 'maxConcurrentCalls', 100),
                          'features', jsonb_build_object('helpdesk', true, 'chat', true, 'api', true, 'queue', true),
                          'settings', jsonb_build_object('timezone', 'UTC', 'locale', 'en-US',
                                                         'businessHours', jsonb_build_object('weekly', '{}'::jsonb, 'holidays', '[]'::jsonb),
                                                         'branding', '{}'::jsonb),
                          'createdAt', '2024-01-01T00:00:00Z', 'updatedAt', '2024-01-01T00:00:00Z',
                          'deletedAt', null, 'version', 1, 'benchSeed', '{{SEED}}'),
       now()
  from bench_tenant;
insert into ticket_counter (tenant_id, last_number) select tenant_id, n from bench_tenant;
insert into tag (id, tenant_id, name, color, created_at, updated_at)
select gen_random_uuid(), t.tenant_id, g.name, '#3366cc', now() - interval '800 days', now() - interval '800 days'
  from bench_tenant t
 cross join unnest(array['billing','bug','feature-request','urgent','vip','refund','login','mobile','api',
                         'onboarding','outage','feedback']) as g(name);
create temp table bench_tag on commit drop as
select tenant_id, row_number() over (partition by tenant_id order by name) - 1 as k, id from tag;

-- step: fragments
-- descriptions and message bodies are joined from fragments of 4 to 15 words (a set-based join is many times faster
-- than drawing every word of a million texts)
create temp table bench_fragment on commit drop as
select f as id, pg_temp.bench_text(4 + floor(random() * 12)::int) as txt
  from generate_series(0, greatest(2000, {{TICKETS}} / 5) - 1) f;
create unique index on bench_fragment (id);
analyze bench_fragment;

-- step: tickets
-- ids are time-ordered (version 7 layout) like the service's; status follows age (recent tickets open, old ones closed).
-- "offset 0" keeps each level a subquery, so that every row's random draws are made once and used consistently.
insert into ticket (id, tenant_id, seq, number, subject, description, status, priority, priority_rank, category,
                    requester_email, requester_name, assignee_id, due_at, source, created_by, first_response_at,
                    resolved_at, closed_at, deleted_at, created_at, updated_at, version, search_config)
select (lpad(to_hex(floor(extract(epoch from z.created_at) * 1000)::bigint), 12, '0') || '7'
            || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid,
       z.tenant_id, z.seq, z.prefix || '-' || lpad(z.seq::text, greatest(5, length(z.seq::text)), '0'), -- at least five digits, like TicketNumbers
       (array['Cannot log in to', 'Error when exporting', 'Question about', 'Refund request for', 'Slow response from',
              'Problem with', 'Feature request:', 'Invoice wrong for', 'Cannot reset password of', 'Outage of',
              'Sync fails for', 'How do I configure', 'Upgrade of', 'Billing issue with', 'Crash in'])[1 + floor(z.u6 * 15)::int]
           || ' ' || array_to_string((string_to_array(f5.txt, ' '))[1:2 + floor(z.u9 * 4)::int], ' '),
       f1.txt || ' ' || f2.txt || ' ' || f3.txt || case when z.u5 < 0.5 then ' ' || f4.txt else '' end,
       z.status,
       (array['low', 'medium', 'high', 'critical'])[z.prio + 1],
       z.prio,
       (array['billing', 'technical', 'account', 'sales', 'shipping', 'general', 'security', 'integration'])[1 + floor(z.u6 * 10)::int],
       z.requester || '@' || z.tenant_id || '-customer' || (z.requester_n % 40) || '.example.com',
       (array['Anna', 'Ben', 'Carla', 'David', 'Elif', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kenji', 'Lea'])[1 + z.requester_n % 12]
           || ' ' || (array['Meyer', 'Smith', 'Garcia', 'Rossi', 'Novak', 'Kim', 'Dubois', 'Silva', 'Jensen', 'Khan'])[1 + (z.requester_n / 12) % 10],
       z.assignee,
       case when z.u7 < 0.3 then z.created_at + interval '1 hour' * (4 + floor(z.u7 * 400)) end,
       case when z.u8 < 0.5 then 'email' when z.u8 < 0.8 then 'api' when z.u8 < 0.95 then 'chat' else 'call' end,
       case when z.u8 >= 0.5 then md5(z.tenant_id || '-agent-' || floor(z.u9 * z.agents))::uuid::text end,
       case when z.status <> 'open' or z.u3 < 0.3 then least(now(), z.created_at + interval '1 minute' * (1 + z.u3 * 480)) end,
       z.resolved_at,
       case when z.status = 'closed' then least(now(), z.resolved_at + interval '2 days') end,
       -- soft-deleted within the retention window (older ones the service's retention job would have removed)
       case when z.u8 > 0.997 then greatest(z.created_at, now() - interval '1 hour' * floor(z.u7 * 480)) end,
       z.created_at,
       z.updated_at,
       floor(z.u9 * 5)::int,
       'english'
  from (select y.*,
               case when y.status in ('resolved', 'closed') then y.resolved_at0 end as resolved_at,
               case when y.status = 'closed' then least(now(), y.resolved_at0 + interval '2 days')
                    when y.status = 'resolved' then y.resolved_at0
                    else y.created_at + (now() - y.created_at) * y.u7 end as updated_at,
               case when y.u2 < 0.30 then 0 when y.u2 < 0.75 then 1 when y.u2 < 0.95 then 2 else 3 end as prio,
               case when (y.status = 'open' and y.u4 < 0.4) or y.u4 < 0.05 then null
                    else md5(y.tenant_id || '-agent-' || floor(y.u4 * y.agents))::uuid::text end as assignee,
               'customer' || y.requester_n as requester
          from (select x.*,
                       case when x.age < interval '3 days' then
                                case when x.u1 < 0.50 then 'open' when x.u1 < 0.75 then 'in_progress'
                                     when x.u1 < 0.90 then 'pending' when x.u1 < 0.98 then 'resolved' else 'closed' end
                            when x.age < interval '30 days' then
                                case when x.u1 < 0.15 then 'open' when x.u1 < 0.30 then 'in_progress'
                                     when x.u1 < 0.45 then 'pending' when x.u1 < 0.75 then 'resolved' else 'closed' end
                            else
                                case when x.u1 < 0.02 then 'open' when x.u1 < 0.03 then 'in_progress'
                                     when x.u1 < 0.05 then 'pending' when x.u1 < 0.20 then 'resolved' else 'closed' end
                       end as status,
                       least(now(), x.created_at + interval '1 minute' * (10 + x.u3 * x.u3 * 7 * 24 * 60)) as resolved_at0
                  from (select w.*, now() - w.created_at as age
                          from (select bt.tenant_id, bt.prefix, bt.agents, s.seq,
                                       now() - interval '730 days' * ((bt.n - s.seq + random()) / bt.n) as created_at,
                                       floor(random() * greatest(bt.n / 3, 1))::int as requester_n,
                                       random() as u1, random() as u2, random() as u3, random() as u4, random() as u5,
                                       random() as u6, random() as u7, random() as u8, random() as u9,
                                       floor(random() * greatest(2000, {{TICKETS}} / 5))::int as d1,
                                       floor(random() * greatest(2000, {{TICKETS}} / 5))::int as d2,
                                       floor(random() * greatest(2000, {{TICKETS}} / 5))::int as d3,
                                       floor(random() * greatest(2000, {{TICKETS}} / 5))::int as d4,
                                       floor(random() * greatest(2000, {{TICKETS}} / 5))::int as d5
                                  from bench_tenant bt
                                 cross join lateral generate_series(1, bt.n) as s(seq)
                                offset 0) w offset 0) x offset 0) y offset 0) z
  join bench_fragment f1 on f1.id = z.d1
  join bench_fragment f2 on f2.id = z.d2
  join bench_fragment f3 on f3.id = z.d3
  join bench_fragment f4 on f4.id = z.d4
  join bench_fragment f5 on f5.id = z.d5;

-- step: messages
-- a quarter of the tickets have a thread of 1 to 3 messages (requester and agent in turn, some internal notes)
insert into ticket_message (id, tenant_id, ticket_id, sender, user_id, sender_name, sender_email, body, body_text,
                            is_html, is_internal, created_at, search_config)
select (lpad(to_hex(floor(extract(epoch from m.created_at) * 1000)::bigint), 12, '0') || '7'
            || substr(md5(random()::text), 1, 3) || '8' || substr(md5(random()::text), 1, 15))::uuid,
       m.tenant_id, m.ticket_id,
       case when m.k % 2 = 1 then 'requester' else 'agent' end,
       case when m.k % 2 = 0 then coalesce(m.assignee_id, md5(m.tenant_id || '-agent-0')::uuid::text) end,
       case when m.k % 2 = 1 then m.requester_name else 'Agent' end,
       case when m.k % 2 = 1 then m.requester_email end,
       m.body, m.body,
       false,
       m.k % 2 = 0 and m.u < 0.3,
       m.created_at,
       'english'
  from (select t.id as ticket_id, t.tenant_id, t.assignee_id, t.requester_name, t.requester_email, k,
               t.created_at + (t.updated_at - t.created_at) * k / 4.0 as created_at,
               f1.txt || case when abs(hashtext(t.id::text || k)) % 2 = 0 then ' ' || f2.txt else '' end as body,
               random() as u
          from ticket t
         cross join lateral generate_series(1, 1 + abs(hashtext(t.id::text || 'n')) % 3) as k
          join bench_fragment f1 on f1.id = abs(hashtext(t.id::text || k || 'a')) % greatest(2000, {{TICKETS}} / 5)
          join bench_fragment f2 on f2.id = abs(hashtext(t.id::text || k || 'b')) % greatest(2000, {{TICKETS}} / 5)
         where abs(hashtext(t.id::text)) % 100 < 25) m;

-- step: tags
-- 60% of the tickets carry one of the tenant's twelve tags, 20% a second one
insert into ticket_tag (ticket_id, tag_id, tenant_id)
select t.id, g.id, t.tenant_id
  from (select id, tenant_id, abs(hashtext(id::text || 'tag')) as h from ticket) t
  join bench_tag g on g.tenant_id = t.tenant_id
 where (t.h % 100 < 60 and g.k = t.h % 12)
    or (t.h % 100 < 20 and g.k = (t.h % 12 + 1 + (t.h / 100) % 11) % 12);

-- step: build indexes
do $$
declare
    r record;
begin
    for r in select indexdef from bench_index loop
        execute r.indexdef;
    end loop;
end
$$;

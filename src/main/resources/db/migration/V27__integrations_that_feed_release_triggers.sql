-- A component's release triggers took any integration's push: a build bot's publish token set
-- up a generic integration of its own and pushed any tag of a component a release manager had
-- set up, making releases and artifacts it could not make through the API. Only an integration
-- set up with the govern scope now feeds release triggers. Those set up before keep doing so,
-- as they did: nothing an operator relies on stops at an upgrade.
ALTER TABLE integrations ADD COLUMN feeds_releases BOOLEAN DEFAULT TRUE NOT NULL;

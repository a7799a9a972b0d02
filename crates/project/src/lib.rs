//! The project model: project.config.json, app.json, page and component json, routes

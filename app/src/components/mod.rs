pub mod copy;
pub mod forms;
pub mod layout;
pub mod status;
